import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PERISCOPE_ASSUMPTIONS } from "./wire-types.js";

// The README promises users the full list of what Roster assumes about this thinly documented API.
describe("Periscope assumptions in the README", () => {
  it("lists every assumption the code makes, with its text", () => {
    const readme = readFileSync(new URL("../../../../../README.md", import.meta.url), "utf8");
    for (const [key, text] of Object.entries(PERISCOPE_ASSUMPTIONS)) {
      expect(readme).toContain(`- **${key}**: ${text}`);
    }
  });
});
