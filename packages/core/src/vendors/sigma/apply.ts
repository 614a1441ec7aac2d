import { isCoreError } from "../../errors.js";
import { HttpError, isHttpError } from "../../http/index.js";
import { type Directory, normaliseEmail } from "../../model/directory.js";
import type { Change, Plan } from "../../plan/types.js";
import type { ApplySession } from "../vendor.js";
import { applyAttributes, membershipCalls } from "./apply-batches.js";
import { malformedAnswer, OutcomeBook } from "./apply-outcomes.js";
import type { SigmaClient } from "./client.js";
import { forEachBounded, SIGMA_CONCURRENCY } from "./concurrency.js";
import { isDeactivated, toCreateMemberBody, toUpdateMemberBody } from "./mapping.js";
import { createNameIndex } from "./name-index.js";
import type { SigmaReadIndex } from "./read.js";
import type { SigmaCreateMemberBody, SigmaUpdateMemberBody } from "./wire-types.js";

type ChangeOf<K extends Change["kind"]> = Extract<Change, { kind: K }>;

export interface SigmaApplyDeps {
  readonly client: SigmaClient;
  readonly sendInvite: boolean;
  /** From the last `read` of this vendor; apply re-reads attribute ids if it is missing. */
  readonly index: SigmaReadIndex | undefined;
}

/**
 * Applies a plan in its order (groups before the users that join them, deactivations last, so a
 * member leaves teams while still active: "Inactive members cannot be added or removed", docs/vendors/sigma.md#teams),
 * reporting one outcome per change to the engine's session. Requests: one per new team, one per
 * new member, one merged PATCH per existing member with field/rename/reactivation changes, one
 * team PATCH per 100 ids per team, one attribute call per 100 assignments per attribute, one
 * PATCH per deactivation.
 */
export async function applySigmaPlan(
  deps: SigmaApplyDeps,
  plan: Plan,
  directory: Directory,
  session: ApplySession,
): Promise<void> {
  const { client } = deps;
  const changes = plan.changes;
  const book = new OutcomeBook(session);
  const byKind = <K extends Change["kind"]>(kind: K): [number, ChangeOf<K>][] =>
    changes.flatMap((change, index) => (change.kind === kind ? [[index, change as ChangeOf<K>]] : []));
  const teams = createNameIndex(directory.groups.map((group) => [group.name, group.id] as const));
  // Requests on different members are independent; with stop-on-error nothing may follow a failure,
  // so then they go one at a time.
  const lanes = session.sequential ? 1 : SIGMA_CONCURRENCY;

  for (const [index, change] of byKind("create-group")) {
    await book.attempt([index], async () => teams.set(change.group, await createTeam(client, change.group)));
  }

  // New members: one POST each, joining their teams in the same request (`addToTeams`).
  const created = new Map<number, string>();
  await forEachBounded(byKind("create-user"), lanes, async ([index, change]) => {
    const missing = change.user.groups.filter((name) => teams.get(name) === undefined);
    if (missing.length > 0) {
      book.reject([index], {
        status: "failed",
        message: `team "${missing.join('", "')}" does not exist in Sigma`,
        code: "TEAM_NOT_FOUND",
      });
      return;
    }
    const teamIds = change.user.groups.map((name) => teams.get(name) ?? "");
    const body = toCreateMemberBody(change.user, teamIds, directory.roles);
    await book.attempt([index], async () => {
      created.set(index, (await createMember(client, body, deps.sendInvite)).memberId);
    });
  });

  // Existing members: rename, field updates and reactivation merged into one PATCH per member.
  const perMember = new Map<string, number[]>();
  for (const [index, change] of changes.entries()) {
    if (change.kind === "rename-email" || change.kind === "update-user" || change.kind === "reactivate-user") {
      perMember.set(change.userId, [...(perMember.get(change.userId) ?? []), index]);
    }
  }
  const reactivated = new Set<string>();
  const patchMember = async ([memberId, indices]: [string, number[]]): Promise<void> => {
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
      return;
    }
    const updated = await book.attempt(indices, () => updateMember(client, memberId, body));
    if (updated && body.isArchived === false) reactivated.add(memberId);
  };

  // Sigma refuses the whole team PATCH if one id is inactive (docs/vendors/sigma.md#teams), so such changes are refused
  // here, alone, instead of failing up to 99 others in the same chunk.
  const inactive = (memberId: string) => {
    const member = deps.index?.membersById.get(memberId);
    return member !== undefined && isDeactivated(member) && !reactivated.has(memberId);
  };
  const patches = [...perMember].map((entry) => () => patchMember(entry));
  if (changes.some((change) => change.kind === "reactivate-user")) {
    // A reactivated member may only join teams once its PATCH has landed.
    await forEachBounded(patches, lanes, (call) => call());
    await forEachBounded(membershipCalls(client, book, changes, teams, inactive), lanes, (call) => call());
  } else {
    // Member PATCHes and team PATCHes touch different things: one pool for both.
    const calls = [...patches, ...membershipCalls(client, book, changes, teams, inactive)];
    await forEachBounded(calls, lanes, (call) => call());
  }
  await applyAttributes(client, book, changes, created, deps.index);

  // Deactivation last. PATCH isArchived:true, as Sigma's batch_update_users.py does (docs/vendors/sigma.md#bulk-update-sample), rather
  // than DELETE, which also moves the member's documents to the API credential's owner (docs/vendors/sigma.md#members).
  await forEachBounded(byKind("deactivate-user"), lanes, async ([index, change]) => {
    await book.attempt([index], () => updateMember(client, change.userId, { isArchived: true }));
  });
  await forEachBounded(byKind("create-user"), lanes, async ([index, change]) => {
    const memberId = created.get(index);
    if (change.user.status !== "deactivated" || memberId === undefined) return;
    await book.attempt(
      [index],
      () => updateMember(client, memberId, { isArchived: true }),
      () => "member created, but deactivating it failed",
    );
  });
  book.skip(
    byKind("delete-user").map(([index]) => index),
    "Sigma cannot delete members; deactivate them instead",
  );
}

function firstDefined<T>(values: readonly (T | undefined)[]): T | Record<string, never> {
  return values.find((value) => value !== undefined) ?? {};
}

/**
 * Rounds of "look up, then try again" after a lost answer. A timed-out create may still be in
 * flight at Sigma when the first lookup runs, so one round is not enough (test "finds out about a create whose answer was lost twice, instead of reporting it failed", reliability/sigma-regressions.test.ts).
 */
const CREATE_ROUNDS = 4;

/**
 * Creates something Sigma keys by name or email with `POST`, which is not idempotent (docs/vendors/sigma.md#errors-and-rate-limits). When an
 * answer is lost (`ambiguous`: dropped connection, timeout, a 5xx other than 503) it looks the
 * object up before trying again, so a retry never duplicates it; a 409 on a retry means an earlier
 * attempt landed meanwhile, so it looks again. If every round is ambiguous the failure says plainly
 * that Sigma may have acted, and the next plan (which reads first) settles it.
 */
async function createOnce<T>(
  create: () => Promise<T>,
  find: () => Promise<T | undefined>,
  what: string,
  /** Whether a 409 on the first try also means "it exists, which is the goal" (a team, not a member). */
  firstConflictIsDone: boolean,
): Promise<T> {
  let lost: HttpError | undefined;
  for (let round = 1; ; round++) {
    try {
      return await create();
    } catch (error) {
      const conflict = isHttpError(error) && error.status === 409 && (lost !== undefined || firstConflictIsDone);
      if (!isHttpError(error) || !(error.ambiguous || conflict)) throw lost ? mayHaveCreated(lost, what) : error;
      if (error.ambiguous) lost = error;
      let found: T | undefined;
      try {
        found = await find();
      } catch (lookup) {
        // The lookup failed too: the truth is unknown, and the failure must say so.
        throw lost ? mayHaveCreated(lost, what) : lookup;
      }
      if (found !== undefined) return found;
      if (conflict || round >= CREATE_ROUNDS) throw lost ? mayHaveCreated(lost, what) : error;
    }
  }
}

/** The lost answer's error, saying plainly that Sigma may have acted. */
function mayHaveCreated(error: HttpError, what: string): HttpError {
  return new HttpError({
    code: error.code,
    method: error.method,
    url: error.url,
    status: error.status,
    statusText: error.statusText,
    details: error.details,
    body: error.body,
    attempts: error.attempts,
    ambiguous: true,
    reason: `${error.details.message ?? error.message} – the answer was lost, so Sigma may have created ${what}; the next plan reads it back`,
  });
}

async function createMember(
  client: SigmaClient,
  body: SigmaCreateMemberBody,
  sendInvite: boolean,
): Promise<{ readonly memberId: string }> {
  const wanted = normaliseEmail(body.email);
  const find = async () =>
    (await client.findMembersByEmail(body.email)).find((member) => normaliseEmail(member.email) === wanted);
  let answer: unknown;
  try {
    answer = await createOnce(() => client.createMember(body, sendInvite), find, "the member", false);
  } catch (error) {
    // The client checks the answer against its schema, so a 200 without the member (empty body,
    // HTML, other JSON) arrives as VENDOR_PROTOCOL: look the member up below rather than guess.
    if (!isCoreError(error) || error.code !== "VENDOR_PROTOCOL") throw error;
  }
  if (hasStringId(answer, "memberId")) return answer;
  // A 200 without the member (empty body, HTML, other JSON): look it up rather than guess.
  const found = await find().catch(() => undefined);
  if (found !== undefined && hasStringId(found, "memberId")) return found;
  throw malformedAnswer("POST /v2/members", "no member in the body, and it cannot be found by email");
}

/** `PATCH /v2/members/{id}` answers with the member; anything else leaves the outcome unknown. */
async function updateMember(client: SigmaClient, memberId: string, body: SigmaUpdateMemberBody): Promise<void> {
  const answer: unknown = await client.updateMember(memberId, body);
  if (!hasStringId(answer, "memberId")) throw malformedAnswer("PATCH /v2/members/{memberId}", "no member in the body");
}

function hasStringId<K extends string>(value: unknown, key: K): value is Record<K, string> {
  return typeof value === "object" && value !== null && typeof (value as Record<string, unknown>)[key] === "string";
}

/**
 * `POST /v2/teams`, with the same lookup-before-retry when the answer is lost. A 409 means the team
 * appeared since the read (another admin, an earlier partial run): it exists, which is the goal.
 */
async function createTeam(client: SigmaClient, name: string): Promise<string> {
  const find = async () =>
    (await client.findTeamsByName(name)).find((found) => found.name.toLowerCase() === name.toLowerCase());
  const answer: unknown = await createOnce(() => client.createTeam({ name }), find, "the team", true);
  if (hasStringId(answer, "teamId")) return answer.teamId;
  const found = await find().catch(() => undefined);
  if (found !== undefined && hasStringId(found, "teamId")) return found.teamId;
  throw malformedAnswer("POST /v2/teams", "no team in the body, and it cannot be found by name");
}
