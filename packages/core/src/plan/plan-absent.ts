import { normaliseEmail } from "../model/directory.js";
import { settingName } from "../model/surface.js";
import type { PlanContext } from "./plan-context.js";
import type { Change } from "./types.js";

/**
 * Users the vendor has and users.csv does not mention (README.md#userscsv-reference: "ignore" by default, reported as
 * unmanaged). Protected identities and users already deactivated are left alone whatever the
 * policy says, and so is everyone while users.csv has errors. So is an administrator (a user the
 * vendor reports with `admin`, e.g. an Adobe `_org_admin`): like the credentials' own identity, no
 * policy removes one; only its own row in users.csv (`status` deactivated) does, where a reviewer
 * sees it. Returns the changes, how many absent users stay untouched, and how many active absent
 * users the policy manages (they count toward the removal threshold's base).
 */
export function planAbsentUsers(
  ctx: PlanContext,
  matched: ReadonlySet<string>,
): { changes: Change[]; unmanaged: number; managedActive: number } {
  const { directory, policy, vendor } = ctx.input;
  // The CSV reader leaves rows with errors out of the desired state, so with errors in the file
  // "absent" may just mean "mistyped": deactivating or stripping those users would be wrong, and
  // would count against the safety threshold. The plan is invalid anyway; show no such changes.
  const fileHasErrors = ctx.input.desired.diagnostics.some((d) => d.severity === "error");
  const action = policy.absentUsers;
  const supported = action === "ignore" || ctx.capabilities.absentUserActions.includes(action);
  if (!supported) {
    const allowed = ["ignore", ...ctx.capabilities.absentUserActions.filter((a) => a !== "ignore")].join(", ");
    ctx.report(
      "error",
      "PLAN_UNSUPPORTED",
      0,
      undefined,
      `${vendor.id} does not support "${action}" for users absent from ${ctx.file}. Choose one of: ${allowed} (${settingName("absent-users", policy.surface ?? "action")}).`,
    );
  }
  const changes: Change[] = [];
  let unmanaged = 0;
  let managedActive = 0;
  for (const user of directory.users) {
    if (matched.has(user.id)) continue;
    const base = { email: normaliseEmail(user.email), line: null, userId: user.id };
    const isProtected = ctx.protectedReason(user.email) !== undefined;
    const policyApplies = supported && action !== "ignore" && user.status !== "deactivated" && !isProtected;
    if (policyApplies && user.admin !== undefined) {
      ctx.report(
        "warning",
        "PLAN_PROTECTED_USER",
        0,
        undefined,
        `${user.email} is left alone although absent from ${ctx.file}: ${user.admin}, and no absent-users policy removes an administrator. To remove it, add its row with status "deactivated".`,
      );
    }
    if (policyApplies && user.admin === undefined) managedActive += 1;
    const leaveAlone = !policyApplies || fileHasErrors || user.admin !== undefined;
    let change: Change | undefined;
    if (!leaveAlone) {
      if (action === "deactivate") change = { kind: "deactivate-user", ...base };
      else if (action === "delete") change = { kind: "delete-user", ...base };
      else {
        const groups = [...new Set(user.groups.filter(ctx.isManaged))].sort();
        if (groups.length > 0) change = { kind: "remove-from-groups", ...base, groups };
      }
    }
    if (change === undefined) unmanaged += 1;
    else changes.push(change);
  }
  return { changes, unmanaged, managedActive };
}
