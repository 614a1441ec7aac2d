import { describe, expect, it } from "vitest";
import { redactLogText } from "./output-guard.js";
import { createSecretRegistry, redactReport, runSecrets } from "./secrets.js";

describe("createSecretRegistry", () => {
  it("masks and redacts each value, including its workflow-command escaped form", () => {
    const masked: string[] = [];
    const secrets = createSecretRegistry((value) => masked.push(value));
    secrets.add("pa%ss:wo,rd-1234");
    secrets.add("");
    expect(masked).toEqual(["pa%ss:wo,rd-1234"]);
    expect(secrets.redact("a pa%ss:wo,rd-1234 b")).toBe("a [REDACTED] b");
    expect(secrets.redact("::error::pa%25ss:wo,rd-1234")).toBe("::error::[REDACTED]");
    expect(secrets.redact("::error file=pa%25ss%3Awo%2Crd-1234::x")).toBe("::error file=[REDACTED]::x");
  });

  it("learns a secret added later (a token granted at run time)", () => {
    const secrets = createSecretRegistry(() => undefined);
    expect(secrets.redact("token-abc-123456 here")).toBe("token-abc-123456 here");
    secrets.add("token-abc-123456");
    expect(secrets.redact("token-abc-123456 here")).toBe("[REDACTED] here");
  });
});

describe("redactLogText", () => {
  it("redacts every line but the ::add-mask:: commands the runner consumes", () => {
    const redact = (text: string) => text.replaceAll("s3cret-value", "[REDACTED]");
    expect(redactLogText("::add-mask::s3cret-value\nsaw s3cret-value\n", redact)).toBe(
      "::add-mask::s3cret-value\nsaw [REDACTED]\n",
    );
  });
});

describe("redactReport", () => {
  it("redacts every string of the data, a secret with quotes and backslashes too, and keeps its shape", () => {
    runSecrets.add('quo"te\\secret-77');
    runSecrets.add("plain-secret-4242");
    const data = {
      plan: { changes: [{ name: 'quo"te\\secret-77', line: 3, groups: ["plain-secret-4242", "Sales"] }] },
    };
    expect(redactReport(data)).toEqual({
      plan: { changes: [{ name: "[REDACTED]", line: 3, groups: ["[REDACTED]", "Sales"] }] },
    });
  });
});
