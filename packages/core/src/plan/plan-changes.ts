import { sortDiagnostics } from "../diagnostics.js";
import type { DesiredUser } from "../model/desired.js";
import { planChecksum } from "./checksum.js";
import { countChanges, sortChanges } from "./order.js";
import { planAbsentUsers } from "./plan-absent.js";
import { createPlanContext, matchName, type PlanContext, type PlanInput } from "./plan-context.js";
import { planRow } from "./plan-row.js";
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
 * same plan and checksum, whatever order the vendor listed its users in.
 */
export function planChanges(given: PlanInput): Plan {
  // Only what the vendor read is planned (a kind left unread is an error, never a guess).
  const { input, diagnostics: unread } = restrictToRead(given);
  const ctx = createPlanContext(input);
  reportColumns(ctx);
  const changes: Change[] = createGroupChanges(ctx);
  const blocked = collidingRenames(ctx);
  const matched = new Set<string>();
  let unchanged = 0;
  const rows = input.desired.users;
  for (let position = 0; position < rows.length; position++) {
    const row = rows[position] as DesiredUser;
    const outcome = planRow(ctx, row, blocked.has(row.line));
    for (const change of outcome.changes) changes.push(change);
    if (outcome.matchedUserId !== undefined) matched.add(outcome.matchedUserId);
    if (outcome.unchanged) unchanged += 1;
  }
  const absent = planAbsentUsers(ctx, matched);
  // One by one: a spread passes every change as an argument, and deactivating 200,000 absent
  // users overflows the stack (test "plans 200,000 absent users").
  for (const change of absent.changes) changes.push(change);

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
