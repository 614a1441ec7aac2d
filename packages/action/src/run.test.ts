import { ConfigError } from "@roster/core";
import { describe, expect, it } from "vitest";
import { describeError } from "./run.js";

describe("describeError", () => {
  it("names the action input instead of the vendor setting", () => {
    const error = new ConfigError("SIGMA_CLIENT_ID", "SIGMA_CLIENT_ID is not set: the API client ID", "CONFIG_MISSING");
    expect(describeError(error)).toBe("`sigma-client-id` is not set: the API client ID");
  });

  it("does not rewrite a setting inside a longer name", () => {
    expect(describeError(new Error("PERISCOPE_API_KEY and PERISCOPE_API"))).toBe(
      "`periscope-api-key` and `periscope-api`",
    );
  });
});
