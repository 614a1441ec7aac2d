import { describe, expect, it } from "vitest";
import { createCapturingIo } from "./capture-io.js";
import { createProgress } from "./progress.js";

describe("createProgress", () => {
  it("prints nothing for a run shorter than its interval when stderr is not a terminal", () => {
    const io = createCapturingIo({ env: {} });
    const progress = createProgress(io.stderr);
    progress.onProgress?.({ phase: "read", done: 500 });
    progress.halt();
    expect(io.stderrText()).toBe("");
  });

  it("without a terminal, prints a plain line every interval while something moves or waits", async () => {
    const io = createCapturingIo({ env: {} });
    let now = 0;
    const progress = createProgress(io.stderr, { intervalMs: 20, now: () => now });
    progress.onProgress?.({ phase: "apply", done: 3, total: 40 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    progress.onWait?.({ reason: "Adobe's rate limit", ms: 42_000 });
    now = 1_000;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(progress.halt()).toBe("Applying 3/40");
    const text = io.stderrText();
    expect(text).toContain("Applying 3/40\n");
    expect(text).toContain("Applying 3/40, waiting for Adobe's rate limit (41 s)\n");
    expect(text).not.toContain("\r");
    const printed = text.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(io.stderrText()).toHaveLength(printed);
  });

  it("draws the phase and counts on a terminal, says why it waits, and clears the bar", () => {
    const io = createCapturingIo({ env: {}, tty: true });
    const progress = createProgress(io.stderr);
    expect(progress.onProgress).toBeDefined();
    progress.onProgress?.({ phase: "read", done: 500 });
    progress.onProgress?.({ phase: "apply", done: 0, total: 4 });
    progress.onWait?.({ reason: "Adobe's rate limit", ms: 42_000 });
    progress.onProgress?.({ phase: "apply", done: 4, total: 4 });
    progress.clear();
    progress.clear();
    const text = io.stderrText();
    expect(text).toContain("Reading 500…");
    expect(text).toContain("Applying 4/4, waiting for Adobe's rate limit (42 s)");
    expect(text).toContain("4/4");
  });

  it("stops at once on halt and ignores later events", () => {
    const io = createCapturingIo({ env: {}, tty: true });
    const progress = createProgress(io.stderr);
    progress.onProgress?.({ phase: "apply", done: 41, total: 120 });
    expect(progress.halt()).toBe("Applying 41/120");
    const after = io.stderrText().length;
    progress.onProgress?.({ phase: "apply", done: 42, total: 120 });
    expect(io.stderrText()).toHaveLength(after);
  });

  it("shows nothing with --quiet", () => {
    const io = createCapturingIo({ env: {}, tty: true });
    const progress = createProgress(io.stderr, { quiet: true });
    expect(progress.onProgress).toBeUndefined();
    expect(io.stderrText()).toBe("");
  });
});
