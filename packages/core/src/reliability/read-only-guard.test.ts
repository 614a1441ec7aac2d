import { describe, expect, it } from "vitest";
import { createPeriscopeHttp } from "../vendors/periscope/client.js";
import { parsePeriscopeSettings } from "../vendors/periscope/index.js";
import {
  periscopeSimulatorDefinition,
  periscopeSimulatorEnv,
  startPeriscopeSimulator,
} from "../vendors/periscope/testing.js";
import { startSigmaSimulator } from "../vendors/sigma/simulator/index.js";
import { attributeRoutes } from "../vendors/sigma/simulator/routes-attributes.js";
import { authRoutes } from "../vendors/sigma/simulator/routes-auth.js";
import { memberRoutes } from "../vendors/sigma/simulator/routes-members.js";
import { teamAttributeRoutes } from "../vendors/sigma/simulator/routes-team-attributes.js";
import { teamRoutes } from "../vendors/sigma/simulator/routes-teams.js";
import { SigmaSimStore } from "../vendors/sigma/simulator/state.js";
import { sigmaSimulatorEnv } from "../vendors/sigma/testing.js";
import { createSigmaVendor } from "../vendors/sigma/vendor.js";
import { recordingLogger } from "./convergence.js";
import { mutatingRoutes, probe } from "./route-probe.js";

// Security suite: in plan mode every mutating route of every vendor is refused before a
// byte is sent, except the token exchange and the vendor's own server-side test mode.

const sigmaStore = new SigmaSimStore();
const sigmaWrites = mutatingRoutes([
  ...authRoutes(sigmaStore),
  ...memberRoutes(sigmaStore),
  ...teamRoutes(sigmaStore),
  ...attributeRoutes(sigmaStore),
  ...teamAttributeRoutes(sigmaStore),
]);

describe("Sigma plan mode refuses every mutating route", () => {
  it("enumerates the simulator's write routes", () => {
    expect(sigmaWrites.length).toBeGreaterThanOrEqual(15);
  });

  it.each(sigmaWrites.map((route) => [`${route.method} ${route.pattern} (${route.name})`, route] as const))(
    "%s",
    async (_title, route) => {
      await using sim = await startSigmaSimulator();
      const vendor = createSigmaVendor(sigmaSimulatorEnv(sim), { mode: "plan", logger: recordingLogger() });
      try {
        const api = await probe(vendor.connection.http.api, route);
        const token = await probe(vendor.connection.http.token, route);
        expect(api).toEqual({ refused: true });
        // Sigma has no server-side test mode: another vendor's flag must not open the door.
        expect(await probe(vendor.connection.http.api, route, { test_mode: "true", testOnly: "true" })).toEqual({
          refused: true,
        });
        if (route.name === "auth.token") {
          // The token exchange is the one write plan mode needs; it goes through its own client.
          expect(token.refused).toBe(false);
        } else {
          expect(token).toEqual({ refused: true });
          expect(sim.requests.filter((request) => request.route === route.name)).toEqual([]);
        }
      } finally {
        await vendor.close();
      }
    },
  );
});

const periscopeWrites = mutatingRoutes(periscopeSimulatorDefinition().routes);

describe("Periscope plan mode refuses every mutating route unless test_mode=true", () => {
  it("enumerates the simulator's write routes", () => {
    expect(periscopeWrites.length).toBeGreaterThanOrEqual(8);
  });

  it.each(periscopeWrites.map((route) => [`${route.method} ${route.pattern} (${route.name})`, route] as const))(
    "%s",
    async (_title, route) => {
      await using sim = await startPeriscopeSimulator();
      const before = JSON.stringify(sim.state.sites);
      for (const site of parsePeriscopeSettings(periscopeSimulatorEnv(sim))) {
        const http = createPeriscopeHttp(site, "plan", recordingLogger());
        try {
          expect(await probe(http, route)).toEqual({ refused: true });
          expect(await probe(http, route, { test_mode: "false" })).toEqual({ refused: true });
          // Regression: a repeated flag whose last value is false (what a Rails server reads).
          expect(await probe(http, route, {}, "test_mode=true&test_mode=false")).toEqual({ refused: true });
          const sent = sim.requests.filter((request) => request.route === route.name);
          expect(sent.filter((request) => !request.query.includes("test_mode=true"))).toEqual([]);
          // The vendor's own dry run reaches the server, which validates and persists nothing.
          expect((await probe(http, route, { test_mode: "true" })).refused).toBe(false);
        } finally {
          await http.close();
        }
      }
      expect(sim.requests.filter((request) => request.route === route.name).length).toBeGreaterThan(0);
      expect(JSON.stringify(sim.state.sites)).toBe(before);
    },
  );
});
