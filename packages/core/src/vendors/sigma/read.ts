import { incompleteListing, isHttpError } from "../../http/index.js";
import type { CurrentUser, Directory } from "../../model/directory.js";
import { awaitReadNeeds, isNeeded, needsName } from "../../model/read-needs.js";
import { SharedGroupLists } from "../../model/shared-group-lists.js";
import type { VendorContext } from "../vendor.js";
import type { SigmaClient } from "./client.js";
import { mapBounded, SIGMA_CONCURRENCY } from "./concurrency.js";
import { isDeactivated, LEGACY_ACCOUNT_TYPES, toCurrentGroup, toCurrentUser, toRoleNames } from "./mapping.js";
import type { SigmaMemberAnswer } from "./wire-schemas.js";
import type { SigmaMember } from "./wire-types.js";

/** What apply needs from the last read beyond the Directory: ids by name, raw member flags. */
export interface SigmaReadIndex {
  /**
   * Archived or SCIM-inactive members only, with those flags: all apply asks of the raw listing.
   * Keeping every raw member (a dozen fields each) cost tens of MB on a 100,000-member org.
   */
  readonly membersById: ReadonlyMap<string, Pick<SigmaMember, "isArchived" | "isInactive">>;
  readonly attributeIdByName: ReadonlyMap<string, string>;
  readonly roles: readonly string[] | undefined;
}

/** A directory user while the read runs: its teams and attribute values come from later listings. */
type DraftUser = { -readonly [K in keyof CurrentUser]: CurrentUser[K] };

// Shared by every member without teams or attributes (read-only to everything downstream).
const NO_TEAMS: readonly string[] = Object.freeze([]);
const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Reads the organisation in as few calls as the API allows (docs/vendors/sigma.md#how-roster-reads):
 * whoami (1) and members with limit=1000 incl. archived and inactive (ceil(N/1000)) always; then
 * only what `context.needs` asks for (plan/read-needs.ts): account types (1) for a `role` column,
 * teams (ceil(T/1000)) and the members of each team the plan manages (1 per team up to 1000
 * members: those the file names, or all under `group-scope: exact`), user attributes (1) and the
 * assignments of each attribute the file has a column for (1 per attribute up to 1000 users).
 * Given no needs, it reads everything.
 *
 * The member pages follow an opaque cursor, so they go one after another and start at once;
 * everything else waits for the needs (known once users.csv is parsed) and then runs beside them
 * (up to SIGMA_CONCURRENCY requests in flight), so a large org's read costs about its member pages
 * and not the sum of every listing.
 */
export async function readSigmaDirectory(
  client: SigmaClient,
  context: VendorContext,
): Promise<{ directory: Directory; index: SigmaReadIndex }> {
  const progress = (done: number) => context.onProgress?.({ phase: "read", done });
  const needed = awaitReadNeeds(context.needs);
  needed.catch(() => undefined); // awaited below; the engine reports a file it could not read
  // The member chain takes one lane; the other listings share the rest.
  const lanes = Math.max(1, SIGMA_CONCURRENCY - 1);
  const readTeams = async () => {
    const { groups } = await needed;
    if (!isNeeded(groups)) return { teams: [], read: [], entries: [] };
    const teams = await client.listTeams();
    // Only the teams whose membership the plan manages: a file naming 2 of 40 teams reads 2.
    const read = teams.filter((team) => needsName(groups, team.name));
    const entries = await mapBounded(read, lanes, (team) => {
      context.signal?.throwIfAborted();
      return client.listTeamMembers(team.teamId, (entry) => entry.userId);
    });
    return { teams, read, entries };
  };
  const readAttributes = async () => {
    const { attributes: need } = await needed;
    if (!isNeeded(need)) return { attributes: [], read: [], assignments: [] };
    const attributes = await client.listUserAttributes();
    const read = attributes.filter((attribute) => needsName(need, attribute.name));
    const assignments = await mapBounded(read, lanes, (attribute) => {
      context.signal?.throwIfAborted();
      return client.listAttributeUsers(attribute.userAttributeId);
    });
    return { attributes, read, assignments };
  };
  const accountTypes = needed.then((needs) =>
    needs.roles
      ? client.listAccountTypes().then(
          (types) => ({ types }),
          (error: unknown) => ({ error }),
        )
      : undefined,
  );
  accountTypes.catch(() => undefined); // fails only with `needed`, which the Promise.all below reports
  // Each member becomes its directory user as its page arrives (teams and attribute values are
  // filled in below, once their listings are read): no second list of every member is kept.
  const deactivated = new Map<string, { isArchived: boolean; isInactive: boolean }>();
  const listed = (member: SigmaMemberAnswer): DraftUser => {
    if (isDeactivated(member)) {
      deactivated.set(member.memberId, {
        isArchived: member.isArchived === true,
        isInactive: member.isInactive === true,
      });
    }
    return toCurrentUser(member, NO_TEAMS, NO_ATTRIBUTES);
  };
  const [whoami, users, teamRead, attributeRead, needs] = await Promise.all([
    client.whoami(),
    client.listMembers(progress, listed),
    readTeams(),
    readAttributes(),
    needed,
  ]);
  // Every organisation has at least the admin who made the credentials: an empty listing of
  // members (archived ones included) is a listing that went wrong, not an empty org (reliability/sigma-corrupt-reads.test.ts).
  if (users.length === 0) {
    throw incompleteListing("Sigma", { method: "GET", path: "/v2/members" }, "no members at all, not even an admin");
  }
  const typesAnswer = await accountTypes;
  const roles = typesAnswer === undefined ? undefined : readRoles(typesAnswer, users, context);
  const { teams } = teamRead;
  const teamsByMember = new Map<string, string[]>();
  teamRead.read.forEach((team, position) => {
    for (const userId of teamRead.entries[position] ?? []) {
      const list = teamsByMember.get(userId) ?? [];
      list.push(team.name);
      teamsByMember.set(userId, list);
    }
  });
  const { attributes } = attributeRead;
  const attributesByMember = new Map<string, Record<string, string>>();
  attributeRead.read.forEach((attribute, position) => {
    for (const assignment of attributeRead.assignments[position] ?? []) {
      const values = attributesByMember.get(assignment.userId) ?? {};
      values[attribute.name] = assignment.value.val;
      attributesByMember.set(assignment.userId, values);
    }
  });
  const lists = new SharedGroupLists();
  for (const user of users) {
    const teamNames = teamsByMember.get(user.id);
    if (teamNames !== undefined) user.groups = lists.share(teamNames);
    const values = attributesByMember.get(user.id);
    if (values !== undefined) user.attributes = values;
  }
  // whoami has no email (SIG-SPEC whoami: userId, organizationId); the listing has it, or one GET.
  // whoami itself was checked by its schema: the identity protected below is known for sure, or
  // the read stopped with VENDOR_PROTOCOL before anything was planned (reliability/sigma-corrupt-reads.test.ts).
  const self = users.find((user) => user.id === whoami.userId)?.email ?? (await lookUpEmail(client, whoami.userId));
  const directory: Directory = {
    users,
    groups: teams.map(toCurrentGroup),
    ...(isNeeded(needs.attributes) && { attributes: attributes.map((attribute) => attribute.name) }),
    ...(roles !== undefined && { roles }),
    ...(self !== undefined && { self }),
    ...(context.needs !== undefined && { read: needs }),
  };
  return {
    directory,
    index: {
      membersById: deactivated,
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
 * `GET /v2/accountTypes` needs Admin credentials (docs/vendors/sigma.md#account-types). When it is refused (403/404: older orgs,
 * non-admin keys), fall back to the legacy built-in names plus every type a member already has, so
 * custom types in use still validate; a type nobody holds yet is then reported as unknown.
 */
function readRoles(
  answer: { readonly types: readonly { readonly accountTypeName: string }[] } | { readonly error: unknown },
  users: readonly CurrentUser[],
  context: VendorContext,
): string[] {
  if ("types" in answer) return toRoleNames(answer.types);
  const error = answer.error;
  if (!isHttpError(error) || (error.status !== 403 && error.status !== 404)) throw error;
  context.logger.warn(
    `Sigma refused to list account types (${error.status}); using the built-in names and those members already have.`,
  );
  const names = new Map<string, string>();
  for (const name of [...LEGACY_ACCOUNT_TYPES, ...users.map((user) => user.role)]) {
    if (name && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  return [...names.values()];
}
