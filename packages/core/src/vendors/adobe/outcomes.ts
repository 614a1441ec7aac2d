import type { ChangeOutcome } from "../../plan/types.js";
import type { PackedRequest, PackResult } from "./pack-actions.js";
import type { ActionResponse } from "./wire-types.js";

/** What became of one packed request. */
export type RequestResult =
  | { readonly kind: "response"; readonly body: ActionResponse }
  /** The request failed as a whole (HTTP error after retries, request-level error key). */
  | { readonly kind: "failed"; readonly message: string; readonly code?: string; readonly requestId?: string }
  /** Not sent (stopOnError after an earlier failure). */
  | { readonly kind: "not-sent"; readonly reason: string }
  /** Sent, and answered with 200 but a body that is not an action response: Adobe may or may not have acted. */
  | { readonly kind: "unknown"; readonly message: string };

/** The statuses of a 200 body that describe entries; anything else is a request-level error key (docs/vendors/adobe.md#action-api). */
const ENTRY_RESULTS = new Set(["success", "partial", "error"]);

interface Slot {
  failed?: { messages: string[]; code: string | undefined; requestId?: string };
  unknown?: string;
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

type Slots = Map<number, Slot>;

function mapResponse(request: PackedRequest, body: ActionResponse, slots: Slots): void {
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

function slotAt(slots: Slots, change: number): Slot {
  let slot = slots.get(change);
  if (slot === undefined) {
    slot = { touched: false };
    slots.set(change, slot);
  }
  return slot;
}

function mapRequest(request: PackedRequest, result: RequestResult | undefined, slots: Slots): void {
  for (const steps of request.steps) for (const c of steps) slotAt(slots, c).touched = true;
  if (result === undefined || result.kind === "not-sent") {
    const reason = result?.reason ?? "not attempted";
    for (const steps of request.steps) for (const c of steps) slotAt(slots, c).skipped ??= reason;
    return;
  }
  if (result.kind === "unknown") {
    for (const steps of request.steps) for (const c of steps) slotAt(slots, c).unknown ??= result.message;
    return;
  }
  if (result.kind === "failed") {
    for (const steps of request.steps) {
      for (const c of steps) fail(slotAt(slots, c), result.message, result.code, result.requestId);
    }
    return;
  }
  mapResponse(request, result.body, slots);
}

function outcomeOf(slot: Slot | undefined): ChangeOutcome {
  if (slot?.failed !== undefined) {
    return {
      status: "failed",
      message: `${slot.partial === undefined ? "" : `${slot.partial}: `}${slot.failed.messages.join("; ")}`,
      ...(slot.failed.code !== undefined ? { code: slot.failed.code } : {}),
      ...(slot.failed.requestId !== undefined ? { requestId: slot.failed.requestId } : {}),
    };
  }
  if (slot?.unknown !== undefined) return { status: "unknown", message: slot.unknown };
  if (slot?.skipped !== undefined) return { status: "skipped", reason: slot.skipped };
  if (slot === undefined || !slot.touched) return { status: "skipped", reason: "nothing to send" };
  return { status: "applied" };
}

/**
 * The outcomes of the changes one request serves, by change index, as soon as its result is in
 * (the engine counts them, and stops on the first failure with stop-on-error).
 */
export function requestOutcomes(request: PackedRequest, result: RequestResult): Map<number, ChangeOutcome> {
  const slots: Slots = new Map();
  mapRequest(request, result, slots);
  return new Map([...slots].map(([index, slot]) => [index, outcomeOf(slot)]));
}

/**
 * One outcome per change (plan order) from the results of the packed requests. A change is applied
 * only when every step serving it ran in an entry that reported no error at or before that step.
 */
export function mapOutcomes(pack: PackResult, results: readonly RequestResult[], changeCount: number): ChangeOutcome[] {
  const slots: Slots = new Map();
  pack.requests.forEach((request, r) => {
    mapRequest(request, results[r], slots);
  });
  return Array.from({ length: changeCount }, (_, index): ChangeOutcome => {
    const unsupported = pack.unsupported.get(index);
    if (unsupported !== undefined) return { status: "skipped", reason: unsupported };
    return outcomeOf(slots.get(index));
  });
}

/**
 * A 200 answer to `POST /action` is an action response (UM-DOC ActionsRef: `completed`,
 * `notCompleted`, `completedInTestMode`, `result`, optional `errors` and `warnings`). An empty body,
 * an HTML page or other JSON is not: undefined then, and the request's outcome is unknown.
 */
export function readActionResponse(body: unknown): ActionResponse | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.result !== "string") return undefined;
  if (record.errors !== undefined && !Array.isArray(record.errors)) return undefined;
  if (record.warnings !== undefined && !Array.isArray(record.warnings)) return undefined;
  const errors = (record.errors ?? []) as unknown[];
  const wellFormed = errors.every(
    (error) =>
      typeof error === "object" &&
      error !== null &&
      typeof (error as Record<string, unknown>).index === "number" &&
      typeof (error as Record<string, unknown>).step === "number",
  );
  if (!wellFormed) return undefined;
  return {
    ...(record as unknown as ActionResponse),
    completed: typeof record.completed === "number" ? record.completed : 0,
    notCompleted: typeof record.notCompleted === "number" ? record.notCompleted : 0,
    completedInTestMode: typeof record.completedInTestMode === "number" ? record.completedInTestMode : 0,
  };
}
