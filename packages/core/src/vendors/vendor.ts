import type { Diagnostic } from "../diagnostics.js";
import type { DesiredUser } from "../model/desired.js";
import type { CurrentUser, Directory } from "../model/directory.js";
import type { AbsentUserAction } from "../model/policy.js";
import type { ReadNeeds } from "../model/read-needs.js";
import type { ChangeOutcome, Plan, UserField } from "../plan/types.js";

/** The vendors Roster supports; `--vendor` and the Action's `vendor` input take one of these. */
export type VendorId = "sigma" | "periscope" | "adobe";

export const VENDOR_IDS: readonly VendorId[] = ["sigma", "periscope", "adobe"];

export interface Capabilities {
  /** What the vendor calls a group, for messages: "team", "group", "role", "group or product profile". */
  readonly groupNoun: string;
  /** Separators accepted inside a `groups` cell. `;` everywhere; Adobe also accepts `,`. */
  readonly groupSeparators: readonly string[];
  readonly createGroup: boolean;
  /** Account types (`role` column). When false a `role` value is a diagnostic. */
  readonly roles: boolean;
  /**
   * Rank of an account type, higher = more access, to flag downgrades as destructive. Returns
   * undefined for types it cannot rank (custom types), which are then not treated as downgrades.
   */
  readonly roleRank?: (role: string) => number | undefined;
  /** User attributes (`attr:<name>` columns). */
  readonly attributes: boolean;
  /** Email change through `new_email`. */
  readonly renameEmail: boolean;
  readonly deactivate: boolean;
  readonly reactivate: boolean;
  readonly deleteUser: boolean;
  /** What to do with users absent from the file, among the policy choices. */
  readonly absentUserActions: readonly AbsentUserAction[];
  /** Fields the vendor can update on this existing user (Adobe IDs: none). */
  readonly updatableFields: (user: CurrentUser) => readonly UserField[];
  /** A group the vendor reserves (Adobe `_org_admin`, `_admin_*`...): never added or removed. */
  readonly isReservedGroup: (name: string) => boolean;
  /** Vendor supports a server-side dry run (`check`). */
  readonly serverCheck: boolean;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export interface ProgressEvent {
  readonly phase: "read" | "check" | "apply";
  readonly done: number;
  /** Unknown while paging through a listing whose size the vendor does not announce. */
  readonly total?: number;
}

/** A pause the vendor takes on purpose (its rate limit), so a progress display can say why it stalls. */
export interface WaitEvent {
  /** What is waited for, for people: "Adobe's rate limit". */
  readonly reason: string;
  readonly ms: number;
}

export interface VendorContext {
  readonly logger: Logger;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Told before each deliberate wait (optional for vendors; Adobe's pacer reports its waits). */
  readonly onWait?: (event: WaitEvent) => void;
  readonly signal?: AbortSignal;
  /**
   * What the plan needs besides the users (plan/read-needs.ts `readNeedsOf`), or its promise: the
   * engine knows it once users.csv is parsed, so `read` starts on the users at once and waits for it
   * before anything else. Undefined: read everything (`roster export`).
   */
  readonly needs?: ReadNeeds | PromiseLike<ReadNeeds>;
}

export interface ServerCheckResult {
  /** Index into `plan.changes` and the vendor's reason, for each change it would reject. */
  readonly rejections: readonly { readonly index: number; readonly message: string; readonly code?: string }[];
  /** Requests the check made. */
  readonly requests: number;
}

/**
 * The one contract every vendor satisfies (`satisfies Vendor` in `vendors/<id>/vendor.ts`).
 *
 * - `read` loads the current state in as few calls as the API allows. It never writes. It reads
 *   the users, and of the rest only what `context.needs` asks for (no account types for a file
 *   without a `role` column, no memberships of groups the file does not manage), and says so in
 *   `Directory.read`; given no needs, it reads everything.
 * - `check` (optional) asks the vendor's own server-side dry run (Adobe `testOnly=true`,
 *   Periscope `test_mode=true`) which planned changes it would reject; it persists nothing.
 * - `apply` performs a plan and reports one outcome per change through the `ApplySession` the
 *   engine hands it (engine/apply-plan.ts `applyPlan`). The engine owns the bookkeeping: the order
 *   of phases is the plan's, stop-on-error and cancellation (`session.stopped`), "skipped" for
 *   what was never reported, counts, progress and timing. The vendor batches where the API allows,
 *   checks `session.stopped` before each request, never throws for a change the vendor rejected
 *   (a `failed` outcome) or answered unreadably (`unknown`), and is idempotent: re-planning after a
 *   partial apply and applying again converges.
 */
export interface Vendor {
  readonly id: VendorId;
  /** A sub-target (Periscope site) when one vendor config reaches several; else undefined. */
  readonly target?: string;
  readonly capabilities: Capabilities;
  /** Vendor-specific, offline checks of one row (allowed values, identity-type rules). */
  validateUser?(user: DesiredUser, file: string, columns: Readonly<Record<string, number>>): Diagnostic[];
  read(context: VendorContext): Promise<Directory>;
  check?(plan: Plan, directory: Directory, context: VendorContext): Promise<ServerCheckResult>;
  /** Performs the plan, reporting each change's outcome to `session`; called by `applyPlan` only. */
  apply(plan: Plan, directory: Directory, session: ApplySession): Promise<void>;
  /** Release connections. */
  close(): Promise<void>;
}

export interface ApplyOptions {
  /** Abort at the first failed change; the rest are reported as skipped. */
  readonly stopOnError: boolean;
}

/**
 * What the engine hands a vendor's `apply`. The vendor sends requests and reports outcomes; the
 * engine decides when to stop and accounts for every change.
 */
export interface ApplySession {
  readonly logger: Logger;
  /** Send one request at a time: with stop-on-error nothing may be sent after a failure. */
  readonly sequential: boolean;
  /**
   * True once the apply is stopping (cancelled, a failure with stop-on-error, or `halt`): start no
   * new request. A request already sent still reports its outcome.
   */
  readonly stopped: boolean;
  /**
   * The outcome of the changes at these plan indexes. A change reported more than once (one
   * membership change split over several requests, a new member whose attributes then fail) ends
   * as the worst report: failed > unknown > skipped > applied.
   */
  settle(indexes: readonly number[], outcome: ChangeOutcome): void;
  /** Stops starting new requests, e.g. when the vendor stopped answering; the rest are skipped with `reason`. */
  halt(reason: string): void;
  /** The run's `VendorContext.onWait`: a wait for a vendor's rate limit, told as it starts. */
  readonly onWait?: (event: WaitEvent) => void;
}

/** Whether the vendor may write. In `plan` mode the HTTP layer refuses every mutating request. */
export type RunMode = "plan" | "apply";

/**
 * Settings come as a flat record keyed by the environment variable names in README.md#cli
 * (`SIGMA_CLIENT_ID`, `PERISCOPE_SITE`, `ADOBE_ORG_ID`...). The CLI passes `process.env`; the
 * Action maps its inputs onto the same names, so each vendor parses configuration in one place.
 */
export type VendorSettings = Readonly<Record<string, string | undefined>>;

export interface VendorFactoryOptions {
  readonly mode: RunMode;
  readonly logger: Logger;
  /**
   * Told every secret the vendor learns at run time (access and refresh tokens it is granted), so
   * the adapter redacts and masks it in everything it writes, as it does the configured secrets.
   */
  readonly onSecret?: (value: string) => void;
}

export interface VendorModule {
  readonly id: VendorId;
  /** The setting names that hold secrets: masked in the Action, redacted from every error. */
  readonly secretSettings: readonly string[];
  readonly capabilities: Capabilities;
  /** Offline row checks, usable without credentials (`roster validate`, fork pull requests). */
  validateUser?(user: DesiredUser, file: string, columns: Readonly<Record<string, number>>): Diagnostic[];
  /** Parse settings and build one vendor per target. Throws ConfigError naming the setting. */
  create(settings: VendorSettings, options: VendorFactoryOptions): Vendor[];
}
