import { ConfigError, CoreError, ExitCode, InternalError } from "@roster/core";
import { describe, expect, it } from "vitest";
import { exitCodeForError, worstExitCode } from "./exit-codes.js";

describe("exitCodeForError", () => {
  it("maps configuration problems and unreadable files to 2", () => {
    expect(exitCodeForError(new ConfigError("SIGMA_CLIENT_SECRET", "missing", "CONFIG_MISSING"))).toBe(ExitCode.usage);
    expect(exitCodeForError(new ConfigError("--seed", "bad"))).toBe(ExitCode.usage);
    expect(exitCodeForError(new CoreError("CSV_UNREADABLE", "no such file"))).toBe(ExitCode.usage);
  });

  it("maps transport failures, bugs and foreign errors to 1", () => {
    expect(exitCodeForError(new CoreError("HTTP_NETWORK", "refused"))).toBe(ExitCode.failed);
    expect(exitCodeForError(new InternalError("bug"))).toBe(ExitCode.failed);
    expect(exitCodeForError(new TypeError("x is undefined"))).toBe(ExitCode.failed);
  });
});

describe("worstExitCode", () => {
  it("ranks configuration errors over unsafe plans over failures over success", () => {
    expect(worstExitCode([])).toBe(0);
    expect(worstExitCode([0, 1, 0])).toBe(1);
    expect(worstExitCode([1, 3, 0])).toBe(3);
    expect(worstExitCode([3, 2, 1])).toBe(2);
  });
});
