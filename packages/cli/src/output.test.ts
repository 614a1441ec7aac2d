import { describe, expect, it } from "vitest";
import { createCapturingIo } from "./capture-io.js";
import { createOutput, describeError, formatDiagnostic, secretValues } from "./output.js";

const env = {
  SIGMA_CLIENT_ID: "client-id-visible",
  SIGMA_CLIENT_SECRET: "s3cr3t-sigma-value",
  ADOBE_CLIENT_SECRET: "adobe-secret-value",
  PERISCOPE_API_KEY: "periscope-key-value",
};

describe("createOutput", () => {
  it("redacts every vendor's secret values from stdout and stderr", () => {
    const io = createCapturingIo({ env });
    const output = createOutput(io, { verbose: false });
    output.out("token s3cr3t-sigma-value and periscope-key-value");
    output.err("adobe said adobe-secret-value");
    expect(io.stdoutText()).toBe("token [REDACTED] and [REDACTED]\n");
    expect(io.stderrText()).toBe("adobe said [REDACTED]\n");
  });

  it("collects secret settings from the environment, ignoring empty ones", () => {
    expect(secretValues({ ...env, ADOBE_CLIENT_SECRET: "" })).toEqual(
      expect.arrayContaining(["s3cr3t-sigma-value", "periscope-key-value"]),
    );
    expect(secretValues({ ...env, ADOBE_CLIENT_SECRET: "" })).not.toContain("");
    expect(secretValues(env)).not.toContain("client-id-visible");
  });

  it("redacts each Periscope site's key alone, not only the comma list (issue 11)", () => {
    const io = createCapturingIo({ env: { PERISCOPE_API_KEY: "site-one-key-1111,site-two-key-2222" } });
    createOutput(io, { verbose: false }).err("site two answered: bad key site-two-key-2222");
    expect(io.stderrText()).toBe("site two answered: bad key [REDACTED]\n");
  });

  it("logs info and warnings to stderr, debug only when verbose", () => {
    const quiet = createCapturingIo({ env: {} });
    const logger = createOutput(quiet, { verbose: false }).logger;
    logger.info("reading members");
    logger.warn("slow down");
    logger.debug("GET /v2/members");
    expect(quiet.stderrText()).toBe("reading members\nwarning: slow down\n");
    expect(quiet.stdoutText()).toBe("");

    const loud = createCapturingIo({ env: {} });
    createOutput(loud, { verbose: true }).logger.debug("GET /v2/members");
    expect(loud.stderrText()).toBe("debug: GET /v2/members\n");
  });

  it("names the setting of a ConfigError and redacts the message", () => {
    const io = createCapturingIo({ env });
    const output = createOutput(io, { verbose: false });
    const error = Object.assign(new Error("bad value s3cr3t-sigma-value"), { setting: "SIGMA_BASE_URL" });
    expect(describeError(error, output)).toBe("bad value [REDACTED] (SIGMA_BASE_URL)");
  });
});

describe("formatDiagnostic", () => {
  it("prints file:line:col severity code message", () => {
    expect(
      formatDiagnostic({
        severity: "error",
        code: "ROW_INVALID_EMAIL",
        message: '"bob@" is not an email address',
        file: "users.csv",
        line: 12,
        column: 3,
      }),
    ).toBe('users.csv:12:3 error ROW_INVALID_EMAIL "bob@" is not an email address');
  });
});
