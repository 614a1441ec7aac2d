import type { Diagnostic } from "../diagnostics.js";
import type { DesiredState } from "../model/desired.js";
import type { CurrentUser, Directory, DirectoryMeta, DirectoryReadAhead } from "../model/directory.js";
import type { Policy } from "../model/policy.js";
import { createPlanContext, indexUsers, type PlanContext, type PlanInput, type PlanVendor } from "./plan-context.js";
import { planRow, type RowOutcome } from "./plan-row.js";
import { collidingRenames } from "./rename-conflicts.js";

/** A row planned while the vendor was still being read, with the inputs it was planned from. */
export interface RowPlannedAhead {
  /** What the email index held for the row's email, and for its `new_email`, at the time. */
  readonly current: CurrentUser | undefined;
  readonly target: CurrentUser | undefined;
  readonly blocked: boolean;
  readonly outcome: RowOutcome;
  readonly diagnostics: readonly Diagnostic[];
}

/** What `planChanges` may reuse: rows planned ahead, and the inputs every one of them assumed. */
export interface PlannedAhead {
  readonly desired: DesiredState;
  readonly meta: DirectoryMeta;
  readonly policy: Policy;
  readonly vendor: PlanVendor;
  /** By position in `desired.users`; a hole is a row not planned ahead. */
  readonly rows: readonly (RowPlannedAhead | undefined)[];
  /** The email index of every user handed over (lowest id wins), and those users. */
  readonly index: ReadonlyMap<string, CurrentUser>;
  readonly handed: ReadonlySet<CurrentUser>;
}

export interface PlanAhead {
  /** Give this to the vendor's read (`VendorContext.readAhead`). */
  readonly sink: DirectoryReadAhead;
  /** The desired state (after the vendor's row checks), once users.csv is parsed. */
  desired(desired: DesiredState): void;
  /** Stops planning ahead; what was planned, or undefined when nothing could be. */
  finish(): PlannedAhead | undefined;
}

export interface PlanAheadOptions {
  readonly policy: Policy;
  readonly vendor: PlanVendor;
  /** Runs a slice of work later, after pending I/O (the engine passes `setImmediate`). */
  readonly schedule: (task: () => void) => void;
  /** Users indexed per slice, so a response that arrives meanwhile waits at most one slice. */
  readonly sliceSize?: number;
}

/**
 * Plans users.csv rows while the vendor's pages are still arriving, so that after the last page
 * only its own rows are left to plan (measured by `pnpm bench`: the plan used to start only after
 * the read). Nothing here is trusted blindly. `planChanges` reuses a row only when the finished
 * directory gives it exactly the inputs it was planned with: the same metadata arrays, policy and
 * vendor, and the same user objects for its email and `new_email` (checked row by row, or once for
 * all rows when the directory holds exactly the users handed over, since every row was planned
 * again whenever one of its users changed). Every other row is planned again. The plan is therefore
 * identical with or without it (a property test holds them equal), and a vendor that hands nothing
 * over changes nothing.
 */
export function createPlanAhead(options: PlanAheadOptions): PlanAhead {
  const { policy, vendor, schedule } = options;
  const sliceSize = options.sliceSize ?? 1000;
  const index = new Map<string, CurrentUser>();
  const handed = new Set<CurrentUser>();
  const queue: CurrentUser[] = [];
  const rows: (RowPlannedAhead | undefined)[] = [];
  let planned = 0;
  let desired: DesiredState | undefined;
  let meta: DirectoryMeta | undefined;
  let started: { ctx: PlanContext; blocked: ReadonlySet<number>; rowsByKey: Map<string, number[]> } | undefined;
  let scheduled = false;
  let closed = false;
  let failed = false;

  const start = (state: DesiredState, known: DirectoryMeta) => {
    const input: PlanInput = { desired: state, directory: { ...known, users: [] }, policy, vendor };
    const ctx = createPlanContext(input, index);
    const blocked = collidingRenames(ctx);
    ctx.diagnostics.length = 0; // reported again by planChanges itself
    const rowsByKey = new Map<string, number[]>();
    const add = (key: string, position: number) => {
      const list = rowsByKey.get(key);
      if (list === undefined) rowsByKey.set(key, [position]);
      else list.push(position);
    };
    for (const [position, row] of state.users.entries()) {
      add(row.email, position);
      if (row.newEmail !== undefined && row.newEmail !== row.email) add(row.newEmail, position);
    }
    started = { ctx, blocked, rowsByKey };
  };

  /** Rows whose email or `new_email` is one of `keys`: their user changed, so their plan did too. */
  const rowsAt = (keys: readonly string[]): Set<number> => {
    const positions = new Set<number>();
    for (const key of keys) for (const position of started?.rowsByKey.get(key) ?? []) positions.add(position);
    return positions;
  };

  const planAheadRow = (state: DesiredState, position: number) => {
    const row = state.users[position];
    if (started === undefined || row === undefined) return;
    const { ctx, blocked } = started;
    const mark = ctx.diagnostics.length;
    const isBlocked = blocked.has(row.line);
    const outcome = planRow(ctx, row, isBlocked);
    if (rows[position] === undefined) planned += 1;
    rows[position] = {
      current: index.get(row.email),
      target: row.newEmail === undefined ? undefined : index.get(row.newEmail),
      blocked: isBlocked,
      outcome,
      diagnostics: ctx.diagnostics.splice(mark),
    };
  };

  const work = () => {
    scheduled = false;
    if (closed) return;
    try {
      step();
    } catch {
      // This runs outside any caller's try: never let it take the process down. Planning ahead
      // stops, and planChanges plans every row itself (where the same error is reported properly).
      closed = true;
      failed = true;
    }
  };

  const step = () => {
    if (started === undefined) {
      if (desired === undefined || meta === undefined) return; // resumed by desired() or meta()
      start(desired, meta);
    }
    const batch = queue.splice(0, sliceSize);
    const changed: string[] = [];
    indexUsers(index, batch, changed);
    // A row is planned again whenever the user its email or `new_email` points at changes (a
    // duplicate address with a lower id arriving later wins, as in planChanges).
    for (const position of rowsAt(changed)) if (desired !== undefined) planAheadRow(desired, position);
    if (queue.length > 0) wake();
  };

  const wake = () => {
    if (scheduled || closed) return;
    scheduled = true;
    schedule(work);
  };

  return {
    sink: {
      meta(known) {
        // Rows are planned against the first metadata handed over; that is what planChanges checks.
        meta ??= known;
        wake();
      },
      users(users) {
        if (closed) return;
        for (const user of users) {
          queue.push(user);
          handed.add(user);
        }
        wake();
      },
    },
    desired(state) {
      desired = state;
      wake();
    },
    finish() {
      closed = true;
      if (failed || started === undefined || desired === undefined || meta === undefined || planned === 0) {
        return undefined;
      }
      // The rest (usually the last page) is only indexed, which is cheaper than indexing everyone
      // again; a row whose user it changes loses what was planned for it and is planned afresh.
      const changed: string[] = [];
      indexUsers(index, queue.splice(0), changed);
      for (const position of rowsAt(changed)) rows[position] = undefined;
      return { desired, meta, policy, vendor, rows, index, handed };
    },
  };
}

/** Whether every directory field but `users` is the very value the rows were planned against. */
export function sameMeta(meta: DirectoryMeta, directory: Directory): boolean {
  const keys = new Set<string>([...Object.keys(meta), ...Object.keys(directory)]);
  keys.delete("users");
  for (const key of keys) {
    if ((meta as Record<string, unknown>)[key] !== (directory as unknown as Record<string, unknown>)[key]) return false;
  }
  return true;
}
