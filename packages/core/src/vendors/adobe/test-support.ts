import type { CurrentUser } from "../../model/directory.js";
import {
  CHANGE_KIND_ORDER,
  type Change,
  type ChangeKind,
  type NewUser,
  type Plan,
  type PlanCounts,
} from "../../plan/types.js";
import type { Logger } from "../vendor.js";

/** Builders shared by this folder's tests: plans made by hand, without the planner. */
export function planOf(changes: readonly Change[]): Plan {
  const byKind = Object.fromEntries(
    CHANGE_KIND_ORDER.map((k) => [k, changes.filter((c) => c.kind === k).length]),
  ) as Record<ChangeKind, number>;
  const counts: PlanCounts = { ...byKind, total: changes.length, destructive: 0, unmanaged: 0, unchanged: 0 };
  return {
    version: 1,
    vendor: "adobe",
    file: "users.csv",
    changes,
    counts,
    safety: {
      destructive: 0,
      managedUsers: 0,
      limit: 5,
      unsafe: false,
      acknowledgement: null,
      acknowledgementValue: null,
    },
    diagnostics: [],
    checksum: "test",
  };
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
