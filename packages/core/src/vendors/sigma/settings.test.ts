import { describe, expect, it } from "vitest";
import { parseSigmaSettings } from "./settings.js";

const base = { SIGMA_CLIENT_ID: "id", SIGMA_CLIENT_SECRET: "secret", SIGMA_BASE_URL: "aws" };

describe("parseSigmaSettings", () => {
  it("expands the cloud shorthands to Sigma's production hosts", () => {
    expect(parseSigmaSettings(base).baseUrl).toBe("https://aws-api.sigmacomputing.com");
    expect(parseSigmaSettings({ ...base, SIGMA_BASE_URL: "GCP" }).baseUrl).toBe("https://api.sigmacomputing.com");
    expect(parseSigmaSettings({ ...base, SIGMA_BASE_URL: "azure" }).baseUrl).toBe(
      "https://api.us.azure.sigmacomputing.com",
    );
  });

  it("keeps a full URL without its trailing slash", () => {
    expect(parseSigmaSettings({ ...base, SIGMA_BASE_URL: "https://api.eu.aws.sigmacomputing.com/" }).baseUrl).toBe(
      "https://api.eu.aws.sigmacomputing.com",
    );
  });

  it("names the missing variable", () => {
    for (const name of ["SIGMA_CLIENT_ID", "SIGMA_CLIENT_SECRET", "SIGMA_BASE_URL"]) {
      expect(() => parseSigmaSettings({ ...base, [name]: " " })).toThrow(
        expect.objectContaining({ setting: name, code: "CONFIG_MISSING" }),
      );
    }
  });

  it("rejects a base URL that is not a URL or shorthand", () => {
    expect(() => parseSigmaSettings({ ...base, SIGMA_BASE_URL: "sigma" })).toThrow(
      expect.objectContaining({ setting: "SIGMA_BASE_URL", code: "CONFIG_INVALID" }),
    );
  });

  it("does not print a secret pasted into the wrong variable", () => {
    const secret = "3f9a1c0e7b2d4a6f8e1c3b5d7f9a0c2e4b6d8f1a3c5e7b9d";
    for (const setting of ["SIGMA_BASE_URL", "SIGMA_SEND_INVITE"]) {
      let message = "";
      try {
        parseSigmaSettings({ ...base, [setting]: secret });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain(setting);
      expect(message).toContain(`(${secret.length} characters)`);
      expect(message).not.toContain(secret.slice(4));
    }
  });

  it("sends invitations unless SIGMA_SEND_INVITE is false", () => {
    expect(parseSigmaSettings(base).sendInvite).toBe(true);
    expect(parseSigmaSettings({ ...base, SIGMA_SEND_INVITE: "false" }).sendInvite).toBe(false);
    expect(() => parseSigmaSettings({ ...base, SIGMA_SEND_INVITE: "maybe" })).toThrow(
      expect.objectContaining({ setting: "SIGMA_SEND_INVITE" }),
    );
  });

  it("never puts the secret in an error message", () => {
    let message = "";
    try {
      parseSigmaSettings({ ...base, SIGMA_CLIENT_SECRET: "hunter2-very-secret", SIGMA_BASE_URL: "nope" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("SIGMA_BASE_URL");
    expect(message).not.toContain("hunter2");
  });
});
