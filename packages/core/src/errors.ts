/**
 * Typed errors with stable string codes. Callers branch on `code`, not on `instanceof`
 * (a bundle can hold two copies of a class; undici gives the same advice for its own errors).
 * Expected outcomes (a vendor rejecting one change, an invalid row) are values, not errors:
 * see `Diagnostic` and `ChangeOutcome`. Throw only for configuration problems, transport
 * failures that retries could not cure, and bugs.
 */
export type ErrorCode =
  | "CONFIG_INVALID"
  | "CONFIG_MISSING"
  | "CSV_UNREADABLE"
  | "PLAN_UNSAFE"
  | "PLAN_CHECKSUM_MISMATCH"
  | "READ_ONLY_VIOLATION"
  | "HTTP_ERROR"
  | "HTTP_TIMEOUT"
  | "HTTP_NETWORK"
  | "HTTP_RETRIES_EXHAUSTED"
  | "VENDOR_PROTOCOL"
  | "INTERNAL";

export class CoreError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CoreError";
    this.code = code;
  }
}

/** A setting is missing or invalid. `setting` names the environment variable, flag or input. */
export class ConfigError extends CoreError {
  readonly setting: string;

  constructor(setting: string, message: string, code: "CONFIG_INVALID" | "CONFIG_MISSING" = "CONFIG_INVALID") {
    super(code, message);
    this.name = "ConfigError";
    this.setting = setting;
  }
}

/**
 * A setting's value as a message may show it. Settings come from environment variables and Action
 * inputs, where a secret pasted into the wrong one is a common slip, and the message that rejects it
 * must not print it. Short values (`yes`, `v3`, `DE`, `federated`), URLs and addresses are shown
 * whole, quoted; anything else longer than 16 characters only by its first 4 characters and its
 * length: enough to recognise which value was set, not enough to leak a key.
 */
export function shownValue(value: string): string {
  if (value.length <= 16 || /:\/\/|@/.test(value)) return JSON.stringify(value);
  return `${JSON.stringify(`${value.slice(0, 4)}…`)} (${value.length} characters)`;
}

/**
 * A vendor's answer failed its schema or a completeness check (a listing whose count disagrees with
 * the total it claims, a cursor that repeats). `request` names it as `METHOD /path`, never with its
 * query (tokens and cursors stay out of messages). Nothing read from such an answer is used.
 */
export class VendorProtocolError extends CoreError {
  readonly vendor: string;
  readonly request: string;

  constructor(vendor: string, request: string, problem: string, options: { readonly write?: boolean } = {}) {
    // A write's answer came back unreadable, not the write: the vendor may have carried it out.
    const write = options.write ?? !/^(GET|HEAD) /.test(request);
    super(
      "VENDOR_PROTOCOL",
      write
        ? `${vendor} answered ${request} with ${problem}. ${vendor} may have made the change or not; the next plan reads back what it did. If this persists, check any proxy or gateway between Roster and ${vendor}.`
        : `${vendor} answered ${request} with ${problem}. Roster stops rather than act on an answer it cannot trust; run it again, and if this persists, check any proxy or gateway between Roster and ${vendor}.`,
    );
    this.name = "VendorProtocolError";
    this.vendor = vendor;
    this.request = request;
  }
}

/** An impossible state: a bug in Roster, never a user error. */
export class InternalError extends CoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("INTERNAL", message, options);
    this.name = "InternalError";
  }
}

export function isCoreError(error: unknown): error is CoreError {
  return (
    typeof error === "object" &&
    error !== null &&
    error instanceof Error &&
    "code" in error &&
    typeof error.code === "string"
  );
}
