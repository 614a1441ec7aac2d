import type { Diagnostic } from "../diagnostics.js";
import { sortDiagnostics } from "../diagnostics.js";
import type { DesiredState } from "../model/desired.js";
import type { Directory } from "../model/directory.js";
import type { Policy } from "../model/policy.js";
import { checksumMatches } from "../plan/checksum.js";
import { planChanges } from "../plan/plan-changes.js";
import { readNeedsOf } from "../plan/read-needs.js";
import { hasInputErrors } from "../plan/safety.js";
import type { ApplyResult, Plan } from "../plan/types.js";
import type { Vendor, VendorContext } from "../vendors/vendor.js";
import { applyPlan } from "./apply-plan.js";
import { validateForVendor } from "./validate-for-vendor.js";

export interface PlanForVendorInput {
  /**
   * The file's desired state, or the promise of it: a caller that passes the promise of
   * `readUsersCsvFile(...)` gets the vendor read while the file is still being parsed.
   */
  readonly desired: DesiredState | PromiseLike<DesiredState>;
  readonly vendor: Vendor;
  readonly policy: Policy;
  readonly context: VendorContext;
  /** Ask the vendor's own server-side dry run which changes it would reject (Adobe testOnly, Periscope test_mode). */
  readonly serverCheck?: boolean;
}

/**
 * Reads the vendor and plans. With `serverCheck`, a plan that has changes and no input errors is also
 * submitted to the vendor's server-side dry run, and each rejection becomes a PLAN_VENDOR_REJECTS
 * error on the line of the change (the file is invalid for this vendor, like an unknown group).
 */
export async function planForVendor(input: PlanForVendorInput): Promise<{ directory: Directory; plan: Plan }> {
  const { vendor, policy, context } = input;
  // The CSV parse (and the vendor's row checks) and the vendor read are independent: overlap them.
  // Planning waits for both: planning each page of users as it arrived (Adobe) was measured on the
  // 100,000-user benchmark and gained no time beyond the noise, for 25 MB more peak memory
  // (docs/benchmarks.md#memory).
  const checked = Promise.resolve(input.desired).then((parsed) => validateForVendor(parsed, vendor));
  // The vendor reads only what this file and policy need (plan/read-needs.ts): it starts on the
  // users at once and learns the rest when the file is parsed.
  const needs = checked.then((desired) => readNeedsOf(desired, policy, vendor.capabilities));
  needs.catch(() => undefined); // a file that cannot be read fails the Promise.all below, not here
  const [desired, directory] = await Promise.all([checked, vendor.read({ ...context, needs })]);
  context.logger.debug(`${vendor.id}: read ${directory.users.length} users and ${directory.groups.length} groups`);
  const plan = planChanges({ desired, directory, policy, vendor });
  // An unsafe plan is still checked: the reviewer should see rejections before acknowledging it.
  if (!input.serverCheck || vendor.check === undefined || plan.changes.length === 0 || hasInputErrors(plan)) {
    return { directory, plan };
  }
  const check = await vendor.check(plan, directory, context);
  if (check.rejections.length === 0) return { directory, plan };
  const rejected: Diagnostic[] = check.rejections.map((rejection) => {
    const change = plan.changes[rejection.index];
    const subject =
      change === undefined
        ? "a change"
        : change.kind === "create-group"
          ? `${change.kind} ${change.group}`
          : `${change.kind} ${change.email}`;
    const code = rejection.code === undefined ? "" : ` (${rejection.code})`;
    return {
      severity: "error",
      code: "PLAN_VENDOR_REJECTS",
      file: plan.file,
      line: change?.line ?? 0,
      message: `${vendor.id} would reject ${subject}: ${rejection.message}${code}`,
    };
  });
  return { directory, plan: { ...plan, diagnostics: sortDiagnostics([...plan.diagnostics, ...rejected]) } };
}

/**
 * Why nothing was written: the plan is invalid, unsafe, not the reviewed one, or `superseded` (the
 * caller's `beforeWrite` said a newer run applies instead; not a failure).
 */
export type ApplyRefusal = "invalid" | "unsafe" | "checksum" | "superseded";

export interface ApplyForVendorInput extends PlanForVendorInput {
  readonly stopOnError: boolean;
  /**
   * The reviewed plan's checksum, or the checksums approved. A string is the CLI's `--checksum`:
   * the full checksum or its first 12+ characters (`checksumMatches`). A list is the Action's
   * accepted checksums, each full and matched exactly (an empty list accepts no plan). Apply
   * refuses when the plan made now matches none.
   */
  readonly expectedChecksum?: string | readonly string[];
  /**
   * Asked after the vendor was read and the plan made, right before the first write, when the plan
   * has changes: a returned notice skips the apply as `superseded` (the Action checks that its
   * commit is still the head of the default branch). A throw ends the run with nothing written.
   */
  readonly beforeWrite?: (plan: Plan) => Promise<string | undefined>;
}

export interface ApplyForVendorOutput {
  readonly plan: Plan;
  /** Undefined when apply was refused: nothing was written. */
  readonly result: ApplyResult | undefined;
  readonly refused?: ApplyRefusal;
  /** Why the apply was skipped, when `refused` is `superseded`. */
  readonly notice?: string;
}

/**
 * Re-reads the vendor and re-plans right before writing (the state may have moved since the
 * review), then refuses without writing when the plan is invalid, unsafe, or not the reviewed
 * one (octoDNS `--checksum`); otherwise applies it.
 */
export async function applyForVendor(input: ApplyForVendorInput): Promise<ApplyForVendorOutput> {
  const { directory, plan } = await planForVendor(input);
  if (hasInputErrors(plan)) return { plan, result: undefined, refused: "invalid" };
  if (plan.safety.unsafe) return { plan, result: undefined, refused: "unsafe" };
  const expected = input.expectedChecksum;
  const accepted =
    expected === undefined ||
    (typeof expected === "string" ? checksumMatches(expected, plan.checksum) : expected.includes(plan.checksum));
  if (!accepted) {
    return { plan, result: undefined, refused: "checksum" };
  }
  if (input.beforeWrite !== undefined && plan.changes.length > 0) {
    const notice = await input.beforeWrite(plan);
    if (notice !== undefined) return { plan, result: undefined, refused: "superseded", notice };
  }
  const result = await applyPlan(input.vendor, plan, directory, { stopOnError: input.stopOnError }, input.context);
  return { plan, result };
}
