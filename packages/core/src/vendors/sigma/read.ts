import { isHttpError } from "../../http/index.js";
import type { CurrentUser, Directory } from "../../model/directory.js";
import type { VendorContext } from "../vendor.js";
import type { SigmaClient } from "./client.js";
import { LEGACY_ACCOUNT_TYPES, toCurrentGroup, toCurrentUser, toRoleNames } from "./mapping.js";
import type { SigmaMember } from "./wire-types.js";

/** What apply needs from the last read beyond the Directory: ids by name, raw member flags. */
export interface SigmaReadIndex {
  readonly membersById: ReadonlyMap<string, SigmaMember>;
  readonly attributeIdByName: ReadonlyMap<string, string>;
  readonly roles: readonly string[] | undefined;
}

/**
 * Reads the whole organisation in as few calls as the API allows (vendor-apis §4.4):
 * whoami (1), members with limit=1000 incl. archived and inactive (ceil(N/1000)), account types (1),
 * teams (ceil(T/1000)), each team's members (1 per team up to 1000 members), user attributes (1),
 * and each attribute's assignments (1 per attribute up to 1000 users).
 *
 * Every team's membership is read, because the Vendor contract gives `read` no hint of which
 * teams the file names; a Sigma org rarely has more than a few dozen teams.
 */
export async function readSigmaDirectory(
  client: SigmaClient,
  context: VendorContext,
): Promise<{ directory: Directory; index: SigmaReadIndex }> {
  const progress = (done: number) => context.onProgress?.({ phase: "read", done });
  const whoami = await client.whoami();
  const members = await client.listMembers(progress);
  const roles = await readRoles(client, members, context);
  const teams = await client.listTeams();
  const teamsByMember = new Map<string, string[]>();
  for (const team of teams) {
    context.signal?.throwIfAborted();
    for (const entry of await client.listTeamMembers(team.teamId)) {
      const list = teamsByMember.get(entry.userId) ?? [];
      list.push(team.name);
      teamsByMember.set(entry.userId, list);
    }
  }
  const attributes = await client.listUserAttributes();
  const attributesByMember = new Map<string, Record<string, string>>();
  for (const attribute of attributes) {
    context.signal?.throwIfAborted();
    for (const assignment of await client.listAttributeUsers(attribute.userAttributeId)) {
      const values = attributesByMember.get(assignment.userId) ?? {};
      values[attribute.name] = assignment.value.val;
      attributesByMember.set(assignment.userId, values);
    }
  }
  const users: CurrentUser[] = members.map((member) =>
    toCurrentUser(member, teamsByMember.get(member.memberId) ?? [], attributesByMember.get(member.memberId) ?? {}),
  );
  // whoami has no email (SIG-SPEC whoami: userId, organizationId); the listing has it, or one GET.
  const self =
    members.find((member) => member.memberId === whoami.userId)?.email ?? (await lookUpEmail(client, whoami.userId));
  const directory: Directory = {
    users,
    groups: teams.map(toCurrentGroup),
    attributes: attributes.map((attribute) => attribute.name),
    ...(roles !== undefined && { roles }),
    ...(self !== undefined && { self }),
  };
  return {
    directory,
    index: {
      membersById: new Map(members.map((member) => [member.memberId, member])),
      attributeIdByName: new Map(attributes.map((attribute) => [attribute.name, attribute.userAttributeId])),
      roles,
    },
  };
}

/** The credentials' owner when the listing lacks it (an embed or service user); unknown if refused. */
async function lookUpEmail(client: SigmaClient, memberId: string): Promise<string | undefined> {
  try {
    return (await client.getMember(memberId)).email;
  } catch (error) {
    if (isHttpError(error) && (error.status === 403 || error.status === 404)) return undefined;
    throw error;
  }
}

/**
 * `GET /v2/accountTypes` needs Admin credentials (§1.6). When it is refused (403/404: older orgs,
 * non-admin keys), fall back to the legacy built-in names plus every type a member already has, so
 * custom types in use still validate; a type nobody holds yet is then reported as unknown.
 */
async function readRoles(
  client: SigmaClient,
  members: readonly SigmaMember[],
  context: VendorContext,
): Promise<string[]> {
  try {
    return toRoleNames(await client.listAccountTypes());
  } catch (error) {
    if (!isHttpError(error) || (error.status !== 403 && error.status !== 404)) throw error;
    context.logger.warn(
      `Sigma refused to list account types (${error.status}); using the built-in names and those members already have.`,
    );
    const names = new Map<string, string>();
    for (const name of [...LEGACY_ACCOUNT_TYPES, ...members.map((member) => member.memberType)]) {
      if (name && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
    }
    return [...names.values()];
  }
}
