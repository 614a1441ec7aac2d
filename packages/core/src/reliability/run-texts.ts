import { applyForVendor, planForVendor } from "../engine/run-plan.js";
import type { DesiredState } from "../model/desired.js";
import type { Policy } from "../model/policy.js";
import type { Plan } from "../plan/types.js";
import { renderApplyJson, renderPlanJson } from "../report/render-json.js";
import { renderPlanMarkdown } from "../report/render-markdown.js";
import { renderPlanText } from "../report/render-text.js";
import type { RunMode, Vendor, VendorContext } from "../vendors/vendor.js";
import { errorTexts } from "./secret-scan.js";

export interface RunToScan {
  readonly vendor: Vendor;
  readonly desired: DesiredState;
  readonly policy: Policy;
  readonly context: VendorContext;
  /** What the run logged, read after it. */
  readonly lines: readonly string[];
  readonly mode: RunMode;
  /** Plan once before `faults`, so the faults can echo the token that first read minted. */
  readonly planFirst: boolean;
  /** Plan mode asks the vendor's server-side dry run too (Adobe testOnly, Periscope test_mode). */
  readonly serverCheck: boolean;
  readonly faults: () => void;
}

function planTexts(plan: Plan): string[] {
  return [renderPlanMarkdown({ plan }), renderPlanText(plan), renderPlanJson(plan)];
}

/**
 * Everything a user or a log could see from one run (the security suite, reliability/secrets.test.ts): every report of
 * each plan and of the apply, the error if one is thrown, and every log line. Closes the vendor.
 */
export async function textsOfRun(run: RunToScan): Promise<string[]> {
  const { vendor, desired, policy, context } = run;
  const texts: string[] = [];
  try {
    if (run.planFirst) texts.push(...planTexts((await planForVendor({ desired, vendor, policy, context })).plan));
    run.faults();
    if (run.mode === "apply") {
      const output = await applyForVendor({ desired, vendor, policy, context, stopOnError: false });
      texts.push(...planTexts(output.plan));
      if (output.result) {
        const { result } = output;
        texts.push(renderPlanMarkdown({ plan: output.plan, result }), renderPlanText(output.plan, result));
        texts.push(renderApplyJson(result), JSON.stringify(result));
      }
    } else {
      const { plan } = await planForVendor({ desired, vendor, policy, context, serverCheck: run.serverCheck });
      texts.push(...planTexts(plan));
    }
  } catch (error) {
    texts.push(...errorTexts(error));
  } finally {
    await vendor.close();
  }
  return [...texts, ...run.lines];
}
