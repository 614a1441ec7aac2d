import { describe, expect, it } from "vitest";
import { secretValuesOf } from "./secret-values.js";

describe("secretValuesOf", () => {
  it("gives each Periscope site's key on its own as well as the list", () => {
    const values = secretValuesOf({ PERISCOPE_API_KEY: "key-one-1111, key-two-2222" }, ["PERISCOPE_API_KEY"]);
    expect(values).toEqual(["key-one-1111, key-two-2222", "key-one-1111", "key-two-2222"]);
  });

  it("reads only the named settings and skips empty ones", () => {
    const settings = { SIGMA_CLIENT_SECRET: "s3cret-value", SIGMA_CLIENT_ID: "not-secret", ADOBE_CLIENT_SECRET: " " };
    expect(secretValuesOf(settings, ["SIGMA_CLIENT_SECRET", "ADOBE_CLIENT_SECRET", "MISSING"])).toEqual([
      "s3cret-value",
    ]);
  });
});
