import type { CurrentUser } from "../../model/directory.js";
import { handPlan } from "../../plan/test-builders.js";
import type { Change, NewUser, Plan } from "../../plan/types.js";
import type { Logger } from "../vendor.js";

/** Builders shared by this folder's tests: plans made by hand, without the planner. */
export function planOf(changes: readonly Change[]): Plan {
  return handPlan(changes, { vendor: "adobe" });
}

export function newUser(email: string, extra: Partial<NewUser> = {}): NewUser {
  return { email, emailAsWritten: email, groups: [], attributes: {}, status: "active", ...extra };
}

export function createUser(email: string, extra: Partial<NewUser> = {}, line: number | null = 2): Change {
  return { kind: "create-user", email, line, user: newUser(email, extra) };
}

export function existing(email: string, extra: Partial<CurrentUser> = {}): CurrentUser {
  return { id: email, email, status: "active", groups: [], ...extra };
}

export interface RecordingLogger extends Logger {
  readonly lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    debug: (m) => lines.push(`debug ${m}`),
  };
}

/**
 * A clock that only moves when someone sleeps on it. Shared by a simulator and a client in tests,
 * it makes rate-limit windows and Retry-After waits instant and deterministic.
 */
export interface VirtualClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Total virtual time slept. */
  readonly elapsed: () => number;
}

export function createVirtualClock(start = Date.UTC(2026, 0, 1)): VirtualClock {
  let offset = 0;
  return {
    now: () => start + offset,
    sleep: async (ms) => {
      offset += Math.max(0, ms);
      // Yield so other requests can run, as a real timer would.
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    elapsed: () => offset,
  };
}
