import type { ChangeOutcome } from "../../plan/types.js";
import type { PackedRequest, PackResult } from "./pack-actions.js";
import type { ActionResponse } from "./wire-types.js";

/** What became of one packed request. */
export type RequestResult =
  | { readonly kind: "response"; readonly body: ActionResponse }
  /** The request failed as a whole (HTTP error after retries, request-level error key). */
  | { readonly kind: "failed"; readonly message: string; readonly code?: string; readonly requestId?: string }
  /** Not sent (stopOnError after an earlier failure). */
  | { readonly kind: "not-sent"; readonly reason: string };

/** The statuses of a 200 body that describe entries; anything else is a request-level error key (docs/vendors/adobe.md#action-api). */
const ENTRY_RESULTS = new Set(["success", "partial", "error"]);

interface Slot {
  failed?: { messages: string[]; code: string | undefined; requestId?: string };
  /** Set when an earlier step serving this change ran before a later one failed: it is in part done. */
  partial?: string;
  skipped?: string;
  touched: boolean;
}

function fail(slot: Slot, message: string, code: string | undefined, requestId?: string): void {
  if (slot.failed === undefined) {
    slot.failed = { messages: [message], code, ...(requestId !== undefined ? { requestId } : {}) };
  } else if (!slot.failed.messages.includes(message)) {
    slot.failed.messages.push(message);
  }
}

function mapResponse(request: PackedRequest, body: ActionResponse, slots: Slot[]): void {
  if (!ENTRY_RESULTS.has(body.result) && (body.errors === undefined || body.errors.length === 0)) {
    const message = body.message ?? `Adobe rejected the request: ${body.result}`;
    for (const steps of request.steps) for (const c of steps) fail(slotAt(slots, c), message, body.result);
    return;
  }
  // First failing step per entry: UMAPI may stop an entry there (docs/vendors/adobe.md#open-questions), so later steps
  // of the same entry are reported as not run rather than guessed applied.
  const firstError = new Map<number, number>();
  for (const error of body.errors ?? []) {
    const change = request.steps[error.index]?.[error.step];
    if (change === undefined) continue;
    fail(slotAt(slots, change), error.message, error.errorCode);
    const seen = firstError.get(error.index);
    if (seen === undefined || error.step < seen) firstError.set(error.index, error.step);
  }
  request.steps.forEach((steps, index) => {
    const stop = firstError.get(index);
    // The failing step is not the change's first: its earlier steps (the create) did run, and the
    // outcome must say so, or "failed" reads as "nothing happened" (test "says the user was created when only joining a group failed", reliability/adobe-regressions.test.ts).
    const failing = stop === undefined ? undefined : steps[stop];
    if (stop !== undefined && failing !== undefined && steps.indexOf(failing) < stop) {
      const entry = request.entries[index];
      const first = entry !== undefined && "do" in entry ? entry.do[steps.indexOf(failing)] : undefined;
      const created =
        first !== undefined && ("createFederatedID" in first || "createEnterpriseID" in first || "addAdobeID" in first);
      slotAt(slots, failing).partial = created
        ? "user created, but a later step failed"
        : "partly applied, but a later step failed";
    }
    steps.forEach((change, step) => {
      if (stop !== undefined && step > stop) {
        const slot = slotAt(slots, change);
        slot.skipped ??= `not run: an earlier step for ${entryName(request, index)} failed`;
      }
    });
  });
}

function entryName(request: PackedRequest, index: number): string {
  const entry = request.entries[index];
  if (entry === undefined) return "this user";
  return "user" in entry ? entry.user : `user group ${entry.usergroup}`;
}

function slotAt(slots: Slot[], change: number): Slot {
  const slot = slots[change];
  if (slot === undefined) throw new Error(`unreachable: change ${change} outside the plan`);
  return slot;
}

/**
 * One outcome per change (plan order) from the results of the packed requests. A change is applied
 * only when every step serving it ran in an entry that reported no error at or before that step.
 */
export function mapOutcomes(pack: PackResult, results: readonly RequestResult[], changeCount: number): ChangeOutcome[] {
  const slots: Slot[] = Array.from({ length: changeCount }, () => ({ touched: false }));
  pack.requests.forEach((request, r) => {
    for (const steps of request.steps) for (const c of steps) slotAt(slots, c).touched = true;
    const result = results[r];
    if (result === undefined || result.kind === "not-sent") {
      const reason = result?.reason ?? "not attempted";
      for (const steps of request.steps) for (const c of steps) slotAt(slots, c).skipped ??= reason;
      return;
    }
    if (result.kind === "failed") {
      for (const steps of request.steps) {
        for (const c of steps) fail(slotAt(slots, c), result.message, result.code, result.requestId);
      }
      return;
    }
    mapResponse(request, result.body, slots);
  });
  return slots.map((slot, index): ChangeOutcome => {
    const unsupported = pack.unsupported.get(index);
    if (unsupported !== undefined) return { status: "skipped", reason: unsupported };
    if (slot.failed !== undefined) {
      return {
        status: "failed",
        message: `${slot.partial === undefined ? "" : `${slot.partial}: `}${slot.failed.messages.join("; ")}`,
        ...(slot.failed.code !== undefined ? { code: slot.failed.code } : {}),
        ...(slot.failed.requestId !== undefined ? { requestId: slot.failed.requestId } : {}),
      };
    }
    if (slot.skipped !== undefined) return { status: "skipped", reason: slot.skipped };
    if (!slot.touched) return { status: "skipped", reason: "nothing to send" };
    return { status: "applied" };
  });
}
