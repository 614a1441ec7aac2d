import { sortDiagnostics } from "../diagnostics.js";
import type { DesiredUser } from "../model/desired.js";
import { planChecksum } from "./checksum.js";
import { countChanges, sortChanges } from "./order.js";
import { planAbsentUsers } from "./plan-absent.js";
import { type PlannedAhead, sameMeta } from "./plan-ahead.js";
import { createPlanContext, matchName, type PlanContext, type PlanInput } from "./plan-context.js";
import { planRow, type RowOutcome } from "./plan-row.js";
import { restrictToRead } from "./read-needs.js";
import { collidingRenames } from "./rename-conflicts.js";
import { assessSafety, unsafeDiagnostic } from "./safety.js";
import type { Change, Plan } from "./types.js";

/** Columns the vendor cannot use at all: reported once, on the header column, not on every row. */
function reportColumns(ctx: PlanContext): void {
  const { desired, directory, vendor } = ctx.input;
  const roleColumn = desired.columns.role;
  if (roleColumn !== undefined && !ctx.capabilities.roles && desired.users.some((row) => row.role !== undefined)) {
    // A warning, not an error: one users.csv can feed several vendors, and only some have roles.
    ctx.report(
      "warning",
      "PLAN_UNSUPPORTED",
      desired.headerLine,
      roleColumn,
      `${vendor.id} has no account types; the role column is ignored.`,
    );
  }
  for (const [name, column] of Object.entries(desired.attributeColumns)) {
    if (!ctx.capabilities.attributes) {
      ctx.report(
        "warning",
        "PLAN_UNSUPPORTED",
        desired.headerLine,
        column,
        `${vendor.id} has no user attributes; column "attr:${name}" is ignored.`,
      );
    } else if (directory.attributes !== undefined && matchName(directory.attributes, name) === undefined) {
      const known = directory.attributes.length === 0 ? "none" : directory.attributes.join(", ");
      ctx.report(
        "error",
        "PLAN_UNSUPPORTED",
        desired.headerLine,
        column,
        `Unknown user attribute "${name}" in ${vendor.id}: create it there first (existing attributes: ${known}).`,
      );
    }
  }
}

function createGroupChanges(ctx: PlanContext): Change[] {
  if (!ctx.input.desired.groupsNamed.some((written) => ctx.resolveGroup(written).kind === "create")) return [];
  const firstLine = new Map<string, number>();
  for (const row of ctx.input.desired.users) {
    for (const written of row.groups ?? []) {
      const resolved = ctx.resolveGroup(written);
      if (resolved.kind === "create" && !firstLine.has(resolved.name)) firstLine.set(resolved.name, row.line);
    }
  }
  return [...firstLine].map(([group, line]) => ({ kind: "create-group", group, line }));
}

/** Active users the file's rows reach and Roster may change (protected identities excluded). */
function managedInFile(ctx: PlanContext, matched: ReadonlySet<string>): number {
  let count = 0;
  for (const user of ctx.input.directory.users) {
    if (matched.has(user.id) && user.status !== "deactivated" && ctx.protectedReason(user.email) === undefined) {
      count += 1;
    }
  }
  return count;
}

/**
 * Diffs users.csv against what the vendor has. Pure and deterministic: the same inputs give the
 * same plan and checksum, whatever order the vendor listed its users in. `ahead` holds rows planned
 * while the vendor was still being read (plan-ahead.ts); each is reused only if its inputs held.
 */
export function planChanges(given: PlanInput, ahead?: PlannedAhead): Plan {
  // Only what the vendor read is planned (a kind left unread is an error, never a guess).
  const { input, diagnostics: unread } = restrictToRead(given);
  const reusable =
    ahead !== undefined &&
    ahead.desired.users === input.desired.users &&
    ahead.policy === input.policy &&
    ahead.vendor === input.vendor &&
    sameMeta(ahead.meta, input.directory)
      ? ahead
      : undefined;
  // When the directory is exactly the users handed over, their index is the one built here, and
  // every row planned ahead was planned against its final users (see plan-ahead.ts).
  const complete =
    reusable !== undefined &&
    reusable.handed.size === input.directory.users.length &&
    input.directory.users.every((user) => reusable.handed.has(user));
  const ctx = createPlanContext(input, complete ? reusable.index : undefined);
  reportColumns(ctx);
  const changes: Change[] = createGroupChanges(ctx);
  const blocked = collidingRenames(ctx);
  const matched = new Set<string>();
  let unchanged = 0;
  const rows = input.desired.users;
  for (let position = 0; position < rows.length; position++) {
    const row = rows[position] as DesiredUser;
    const isBlocked = blocked.has(row.line);
    const early = reusable?.rows[position];
    let outcome: RowOutcome;
    if (
      early !== undefined &&
      early.blocked === isBlocked &&
      (complete ||
        (early.current === ctx.usersByEmail.get(row.email) &&
          early.target === (row.newEmail === undefined ? undefined : ctx.usersByEmail.get(row.newEmail))))
    ) {
      // Planned while the read was still going, against the very inputs this row has now.
      outcome = early.outcome;
      for (const diagnostic of early.diagnostics) ctx.diagnostics.push(diagnostic);
    } else {
      outcome = planRow(ctx, row, isBlocked);
    }
    for (const change of outcome.changes) changes.push(change);
    if (outcome.matchedUserId !== undefined) matched.add(outcome.matchedUserId);
    if (outcome.unchanged) unchanged += 1;
  }
  const absent = planAbsentUsers(ctx, matched);
  changes.push(...absent.changes);

  const sorted = sortChanges(changes);
  const safety = assessSafety(sorted, absent.managedActive + managedInFile(ctx, matched), input.policy);
  const unsafe = unsafeDiagnostic(safety, input.policy, input.desired.file);
  const core = {
    version: 1 as const,
    vendor: input.vendor.id,
    ...(input.vendor.target === undefined ? {} : { target: input.vendor.target }),
    changes: sorted,
  };
  return {
    ...core,
    file: input.desired.file,
    counts: countChanges(sorted, { unmanaged: absent.unmanaged, unchanged }),
    safety,
    diagnostics: sortDiagnostics([
      ...input.desired.diagnostics,
      ...unread,
      ...ctx.diagnostics,
      ...(unsafe ? [unsafe] : []),
    ]),
    checksum: planChecksum(core),
  };
}
