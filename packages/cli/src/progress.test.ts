import { describe, expect, it } from "vitest";
import { createCapturingIo } from "./capture-io.js";
import { createProgress } from "./progress.js";

describe("createProgress", () => {
  it("draws nothing and asks for no events when stderr is not a terminal", () => {
    const io = createCapturingIo({ env: {} });
    const progress = createProgress(io.stderr);
    expect(progress.onProgress).toBeUndefined();
    progress.stop();
    expect(io.stderrText()).toBe("");
  });

  it("draws the phase and counts on a terminal, and clears the bar when stopped", () => {
    const io = createCapturingIo({ env: {}, tty: true });
    const progress = createProgress(io.stderr);
    expect(progress.onProgress).toBeDefined();
    progress.onProgress?.({ phase: "read", done: 500 });
    progress.onProgress?.({ phase: "apply", done: 0, total: 4 });
    progress.onProgress?.({ phase: "apply", done: 4, total: 4 });
    progress.stop();
    progress.stop();
    const text = io.stderrText();
    expect(text).toContain("Reading 500…");
    expect(text).toContain("Applying");
    expect(text).toContain("0/4");
  });
});
