import { isHttpError } from "../../http/index.js";
import { type Directory, normaliseEmail } from "../../model/directory.js";
import type { ApplyResult, Change, Plan } from "../../plan/types.js";
import type { ApplyOptions, VendorContext } from "../vendor.js";
import { applyAttributes, applyMemberships } from "./apply-batches.js";
import { OutcomeBook } from "./apply-outcomes.js";
import type { SigmaClient } from "./client.js";
import { isDeactivated, toCreateMemberBody, toUpdateMemberBody } from "./mapping.js";
import { createNameIndex } from "./name-index.js";
import type { SigmaReadIndex } from "./read.js";
import type { SigmaCreateMemberBody, SigmaMember } from "./wire-types.js";

type ChangeOf<K extends Change["kind"]> = Extract<Change, { kind: K }>;

export interface SigmaApplyDeps {
  readonly client: SigmaClient;
  readonly sendInvite: boolean;
  /** From the last `read` of this vendor; apply re-reads attribute ids if it is missing. */
  readonly index: SigmaReadIndex | undefined;
}

/**
 * Applies a plan in its order (groups before the users that join them, deactivations last, so a
 * member leaves teams while still active: "Inactive members cannot be added or removed", §1.4).
 * One outcome per change. Requests: one per new team, one per new member, one merged PATCH per
 * existing member with field/rename/reactivation changes, one team PATCH per 100 ids per team,
 * one attribute call per 100 assignments per attribute, one PATCH per deactivation.
 */
export async function applySigmaPlan(
  deps: SigmaApplyDeps,
  plan: Plan,
  directory: Directory,
  options: ApplyOptions,
  context: VendorContext,
): Promise<ApplyResult> {
  const started = Date.now();
  const { client } = deps;
  const changes = plan.changes;
  const book = new OutcomeBook(changes, options.stopOnError, context.signal);
  const report = () => context.onProgress?.({ phase: "apply", done: book.done, total: changes.length });
  const byKind = <K extends Change["kind"]>(kind: K): [number, ChangeOf<K>][] =>
    changes.flatMap((change, index) => (change.kind === kind ? [[index, change as ChangeOf<K>]] : []));
  const teams = createNameIndex(directory.groups.map((group) => [group.name, group.id] as const));

  for (const [index, change] of byKind("create-group")) {
    await book.attempt([index], async () => teams.set(change.group, await createTeam(client, change.group)));
    report();
  }

  // New members: one POST each, joining their teams in the same request (`addToTeams`).
  const created = new Map<number, string>();
  for (const [index, change] of byKind("create-user")) {
    const missing = change.user.groups.filter((name) => teams.get(name) === undefined);
    if (missing.length > 0) {
      book.reject([index], {
        status: "failed",
        message: `team "${missing.join('", "')}" does not exist in Sigma`,
        code: "TEAM_NOT_FOUND",
      });
      continue;
    }
    const teamIds = change.user.groups.map((name) => teams.get(name) ?? "");
    const body = toCreateMemberBody(change.user, teamIds, directory.roles);
    await book.attempt([index], async () => {
      created.set(index, (await createMember(client, body, deps.sendInvite)).memberId);
    });
    report();
  }

  // Existing members: rename, field updates and reactivation merged into one PATCH per member.
  const perMember = new Map<string, number[]>();
  for (const [index, change] of changes.entries()) {
    if (change.kind === "rename-email" || change.kind === "update-user" || change.kind === "reactivate-user") {
      perMember.set(change.userId, [...(perMember.get(change.userId) ?? []), index]);
    }
  }
  const reactivated = new Set<string>();
  for (const [memberId, indices] of perMember) {
    const parts = indices.map((index) => changes[index]);
    const body = toUpdateMemberBody(
      {
        fields: parts.flatMap((change) => (change?.kind === "update-user" ? change.fields : [])),
        ...firstDefined(
          parts.map((change) => (change?.kind === "rename-email" ? { newEmail: change.toAsWritten } : undefined)),
        ),
        reactivate: parts.some((change) => change?.kind === "reactivate-user"),
        wasInactive: deps.index?.membersById.get(memberId)?.isInactive === true,
      },
      directory.roles,
    );
    if (Object.keys(body).length === 0) {
      book.skip(indices, "nothing Sigma can update");
      continue;
    }
    const updated = await book.attempt(indices, () => client.updateMember(memberId, body));
    if (updated && body.isArchived === false) reactivated.add(memberId);
    report();
  }

  // Sigma refuses the whole team PATCH if one id is inactive (§1.4), so such changes are refused
  // here, alone, instead of failing up to 99 others in the same chunk.
  const inactive = (memberId: string) => {
    const member = deps.index?.membersById.get(memberId);
    return member !== undefined && isDeactivated(member) && !reactivated.has(memberId);
  };
  await applyMemberships(client, book, changes, teams, inactive, report);
  await applyAttributes(client, book, changes, created, deps.index, report);

  // Deactivation last. PATCH isArchived:true, as Sigma's batch_update_users.py does (§1.8), rather
  // than DELETE, which also moves the member's documents to the API credential's owner (§1.3).
  for (const [index, change] of byKind("deactivate-user")) {
    await book.attempt([index], () => client.updateMember(change.userId, { isArchived: true }));
    report();
  }
  for (const [index, change] of byKind("create-user")) {
    const memberId = created.get(index);
    if (change.user.status !== "deactivated" || memberId === undefined) continue;
    await book.attempt(
      [index],
      () => client.updateMember(memberId, { isArchived: true }),
      () => "member created, but deactivating it failed",
    );
    report();
  }
  book.skip(
    byKind("delete-user").map(([index]) => index),
    "Sigma cannot delete members; deactivate them instead",
  );

  const results = changes.map((change, index) => ({ change, outcome: book.outcome(index) }));
  const count = (status: string) => results.filter((result) => result.outcome.status === status).length;
  return {
    plan,
    results,
    counts: { applied: count("applied"), failed: count("failed"), skipped: count("skipped") },
    durationMs: Date.now() - started,
  };
}

function firstDefined<T>(values: readonly (T | undefined)[]): T | Record<string, never> {
  return values.find((value) => value !== undefined) ?? {};
}

/**
 * `POST /v2/members` is not idempotent (§1.7). When its answer is lost (dropped connection,
 * timeout: `ambiguous`), look the address up before trying again, so a retry never creates a
 * duplicate or trips over its own 409.
 */
async function createMember(
  client: SigmaClient,
  body: SigmaCreateMemberBody,
  sendInvite: boolean,
): Promise<SigmaMember> {
  try {
    return await client.createMember(body, sendInvite);
  } catch (error) {
    if (!isHttpError(error) || !error.ambiguous) throw error;
    const wanted = normaliseEmail(body.email);
    const found = (await client.findMembersByEmail(body.email)).find(
      (member) => normaliseEmail(member.email) === wanted,
    );
    return found ?? (await client.createMember(body, sendInvite));
  }
}

/**
 * `POST /v2/teams`, with the same lookup-before-retry when the answer is lost. A 409 means the team
 * appeared since the read (another admin, an earlier partial run): it exists, which is the goal.
 */
async function createTeam(client: SigmaClient, name: string): Promise<string> {
  try {
    return (await client.createTeam({ name })).teamId;
  } catch (error) {
    if (!isHttpError(error) || !(error.ambiguous || error.status === 409)) throw error;
    const found = (await client.findTeamsByName(name)).find((team) => team.name.toLowerCase() === name.toLowerCase());
    if (found) return found.teamId;
    if (error.status === 409) throw error;
    return (await client.createTeam({ name })).teamId;
  }
}
