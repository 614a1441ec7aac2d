import { readFile } from "node:fs/promises";
import type { startDemoSimulators } from "@roster/core/testing";

/** examples/company (roster.yml + users.csv for the three vendors), as the workspace's files. */
export async function companyExampleFiles(): Promise<Record<string, string>> {
  const example = new URL("../../../examples/company/", import.meta.url);
  return {
    "roster.yml": await readFile(new URL("roster.yml", example), "utf8"),
    "users.csv": await readFile(new URL("users.csv", example), "utf8"),
  };
}

type DemoSimulator = Awaited<ReturnType<typeof startDemoSimulators>>["sims"][number];

/**
 * Every request that changed a simulator's directory, as `METHOD route`: not a read, a token
 * exchange or a vendor's dry run (Periscope's test_mode, Adobe's testOnly).
 */
export function vendorWrites(sims: readonly DemoSimulator[]): string[] {
  return sims.flatMap((sim) =>
    sim.requests
      .filter(
        (r) =>
          r.method !== "GET" &&
          !/token|auth/i.test(r.route) &&
          !/test_?mode=true|testOnly=true/i.test(`${r.path}?${r.query}`),
      )
      .map((r) => `${r.method} ${r.route}`),
  );
}
