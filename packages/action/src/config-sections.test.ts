import { defaultPolicy, planChanges } from "@roster/core";
import { capabilitiesOf, desiredState, directoryOf } from "@roster/core/testing/builders";
import { describe, expect, it } from "vitest";
import { type ConfigSection, checksumsText, parseChecksums, renderSections } from "./config-sections.js";

/** `creates` new users, and `removals` users absent from the file deactivated (destructive). */
function planOf(vendor: "sigma" | "adobe", creates: number, removals: number) {
  const rows = Array.from({ length: creates }, (_, i) => ({
    email: `new${i}@acme.test`,
    firstName: "A",
    lastName: `B${i}`,
  }));
  const current = Array.from({ length: removals }, (_, i) => ({ email: `gone${i}@acme.test` }));
  return planChanges({
    desired: desiredState(rows),
    directory: directoryOf(current),
    policy: { ...defaultPolicy, absentUsers: "deactivate" },
    vendor: { id: vendor, capabilities: capabilitiesOf() },
  });
}

const links = { blobBase: "https://github.test/acme/people/blob/abc", defaultFile: "users.csv" };

describe("renderSections", () => {
  it("shares one budget so every vendor's destructive changes stay visible next to a huge plan", () => {
    const sections: ConfigSection[] = [
      { key: "sigma", label: "sigma", plan: planOf("sigma", 6000, 0) },
      { key: "adobe", label: "adobe", plan: planOf("adobe", 0, 40) },
      { key: "periscope.acme-rbac", label: "periscope (acme-rbac)", error: "HTTP 503 from the vendor" },
    ];
    const rendered = renderSections(sections, links, 60_000, "the job summary");
    expect(rendered.join("\n\n").length).toBeLessThanOrEqual(60_000);
    const [sigma, adobe, periscope] = rendered;
    expect(sigma).toContain("job summary");
    for (let i = 0; i < 40; i++) expect(adobe).toContain(`gone${i}@acme.test`);
    expect(periscope).toContain("Not planned: HTTP 503 from the vendor");
  });

  it("keeps every section whole when they fit, and carries each target's checksum", () => {
    const sections: ConfigSection[] = [
      { key: "sigma", label: "sigma", plan: planOf("sigma", 2, 0) },
      { key: "adobe", label: "adobe", plan: planOf("adobe", 1, 1) },
    ];
    const rendered = renderSections(sections, links, 60_000);
    expect(rendered.join("")).not.toContain("shortened");
    const text = checksumsText(sections);
    expect(parseChecksums(text)).toEqual(
      new Map([
        ["sigma", sections[0]?.plan?.checksum],
        ["adobe", sections[1]?.plan?.checksum],
      ]),
    );
  });
});
