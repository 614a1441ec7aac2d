import type { PlanContext } from "./plan-context.js";

/** Rows whose `new_email` is another row's email or another row's `new_email`: renaming would merge two rows. */
export function collidingRenames(ctx: PlanContext): Set<number> {
  const rows = ctx.input.desired.users;
  const blocked = new Set<number>();
  if (!rows.some((row) => row.newEmail !== undefined && row.newEmail !== row.email)) return blocked;
  const rowByEmail = new Map(rows.map((row) => [row.email, row]));
  const claimedBy = new Map<string, number>();
  for (const row of rows) {
    if (row.newEmail === undefined || row.newEmail === row.email) continue;
    const other = rowByEmail.get(row.newEmail);
    const earlier = claimedBy.get(row.newEmail);
    if (other === undefined && earlier === undefined) {
      claimedBy.set(row.newEmail, row.line);
      continue;
    }
    blocked.add(row.line);
    ctx.report(
      "error",
      "PLAN_RENAME_CONFLICT",
      row.line,
      ctx.input.desired.columns.new_email,
      `Cannot rename ${row.emailAsWritten} to ${row.newEmailAsWritten ?? row.newEmail}: ${
        other === undefined
          ? `line ${earlier} renames another user to the same address`
          : `line ${other.line} is a row for that address`
      }.`,
    );
  }
  return blocked;
}
