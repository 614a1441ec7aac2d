import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDemoSimulators } from "@roster/core/testing";

export const COMPANY_EXAMPLE = new URL("../../../../examples/company/", import.meta.url);

/** The three demo simulators (what `roster sandbox --vendor all` runs) and a copy of examples/company. */
export async function startThreeVendors() {
  const simulators = await startDemoSimulators();
  const dir = await mkdtemp(join(tmpdir(), "roster-company-"));
  await cp(COMPANY_EXAMPLE, dir, { recursive: true });
  return {
    dir,
    config: join(dir, "roster.yml"),
    env: simulators.env,
    /** Requests that could change something, on any of the three. */
    mutatingRequests: () =>
      simulators.sims.flatMap((sim) =>
        sim.requests
          .filter(
            (r) =>
              r.method !== "GET" &&
              !/token|auth/i.test(r.route) &&
              !/test_?mode|testOnly/i.test(`${r.path}?${r.query}`),
          )
          .map((r) => `${r.method} ${r.route}`),
      ),
    close: async () => {
      await simulators.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
