import { describe, expect, it, vi } from "vitest";
import {
  type HeapProcess,
  heapRelaunchArgs,
  heapRelaunchEnv,
  OLD_SPACE_MB,
  relaunchWithRosterHeap,
  rosterHeapFlags,
  SEMI_SPACE_MB,
} from "./heap.js";

const GB = 1024 * 1024 * 1024;

function started(overrides: Partial<HeapProcess> = {}): HeapProcess {
  return {
    execPath: "/usr/bin/node",
    execArgv: [],
    argv: ["/usr/bin/node", "/opt/roster/bin/roster.js", "plan", "users.csv"],
    env: {},
    heapSizeLimit: 4 * GB,
    ...overrides,
  };
}

describe("rosterHeapFlags", () => {
  it("caps the semi-space and the old generation on a machine V8 gives more than the cap", () => {
    expect(rosterHeapFlags(4 * GB)).toEqual([
      `--max-semi-space-size=${SEMI_SPACE_MB}`,
      `--max-old-space-size=${OLD_SPACE_MB}`,
    ]);
  });

  it("keeps V8's own lower old-generation limit on a small machine", () => {
    expect(rosterHeapFlags(0.75 * GB)).toEqual([`--max-semi-space-size=${SEMI_SPACE_MB}`]);
  });
});

describe("heapRelaunchArgs", () => {
  it("re-runs the same script with the same arguments, Node's own options kept before Roster's", () => {
    expect(heapRelaunchArgs(started({ execArgv: ["--enable-source-maps"] }))).toEqual([
      "/usr/bin/node",
      "--enable-source-maps",
      `--max-semi-space-size=${SEMI_SPACE_MB}`,
      `--max-old-space-size=${OLD_SPACE_MB}`,
      "/opt/roster/bin/roster.js",
      "plan",
      "users.csv",
    ]);
  });

  it("runs on once it runs with Roster's options, so it re-runs at most once", () => {
    const args = heapRelaunchArgs(started()) ?? [];
    const execArgv = args.slice(1, args.indexOf("/opt/roster/bin/roster.js"));
    expect(heapRelaunchArgs(started({ execArgv }))).toBeUndefined();
    // On a small machine only the semi-space option is added; that is enough to stop a second run.
    const small = heapRelaunchArgs(started({ heapSizeLimit: 0.5 * GB })) ?? [];
    const smallArgv = small.slice(1, small.indexOf("/opt/roster/bin/roster.js"));
    expect(heapRelaunchArgs(started({ execArgv: smallArgv, heapSizeLimit: 0.5 * GB }))).toBeUndefined();
  });

  it.each([
    ["on the command line", { execArgv: ["--max-old-space-size=4096"] }],
    ["on the command line, V8's underscore spelling", { execArgv: ["--max_semi_space_size=16"] }],
    ["in NODE_OPTIONS", { env: { NODE_OPTIONS: "--enable-source-maps  --max-old-space-size=8192" } }],
  ])("leaves the heap alone when the user chose a size %s", (_where, overrides) => {
    expect(heapRelaunchArgs(started(overrides))).toBeUndefined();
  });

  it("still re-runs when NODE_OPTIONS holds only other options", () => {
    expect(heapRelaunchArgs(started({ env: { NODE_OPTIONS: "--enable-source-maps" } }))).toContain(
      `--max-semi-space-size=${SEMI_SPACE_MB}`,
    );
  });
});

describe("heapRelaunchEnv", () => {
  it("keeps the environment and caps glibc's malloc arenas at two", () => {
    expect(heapRelaunchEnv({ PATH: "/bin", SIGMA_CLIENT_ID: "x" })).toEqual({
      PATH: "/bin",
      SIGMA_CLIENT_ID: "x",
      MALLOC_ARENA_MAX: "2",
    });
  });

  it("leaves the user's own arena setting", () => {
    expect(heapRelaunchEnv({ MALLOC_ARENA_MAX: "8" })).toEqual({ MALLOC_ARENA_MAX: "8" });
  });
});

describe("relaunchWithRosterHeap", () => {
  it("runs on as it was started when the system refuses execve (Windows: ERR_FEATURE_UNAVAILABLE_ON_PLATFORM)", () => {
    const execve = vi.spyOn(process, "execve").mockImplementation(() => {
      throw Object.assign(new Error("execve is not available on this platform"), {
        code: "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM",
      });
    });
    try {
      expect(() => relaunchWithRosterHeap()).not.toThrow();
      // This test process runs with Node's own heap, so the relaunch was tried, with Roster's options.
      expect(execve).toHaveBeenCalledTimes(1);
      const [file, args, env] = execve.mock.calls[0] ?? [];
      expect(file).toBe(process.execPath);
      expect(args).toContain(`--max-semi-space-size=${SEMI_SPACE_MB}`);
      expect(env?.MALLOC_ARENA_MAX).toBe(process.env.MALLOC_ARENA_MAX ?? "2");
    } finally {
      execve.mockRestore();
    }
  });
});
