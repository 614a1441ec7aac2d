import { describe, expect, it } from "vitest";
import { createUmapiClient } from "../vendors/adobe/client.js";
import { parseAdobeSettings } from "../vendors/adobe/settings.js";
import { adobeDemoSeed, adobeSimulatorEnv, startAdobeSimulator } from "../vendors/adobe/simulator/index.js";
import { adobeRoutes } from "../vendors/adobe/simulator/routes.js";
import { createStore } from "../vendors/adobe/simulator/state.js";
import { recordingLogger } from "./convergence.js";
import { mutatingRoutes, probe } from "./route-probe.js";

// Security suite, Adobe: in plan mode every mutating UMAPI and IMS route is refused before
// a byte is sent, except the token exchange (IMS v3) and UMAPI's own dry run (`testOnly=true`).

const writes = mutatingRoutes(adobeRoutes(createStore(adobeDemoSeed)));

describe("Adobe plan mode refuses every mutating route", () => {
  it("enumerates the simulator's write routes", () => {
    expect(writes.map((route) => route.name)).toEqual(expect.arrayContaining(["ims.token", "ims.jwt", "action"]));
  });

  it.each(writes.map((route) => [`${route.method} ${route.pattern} (${route.name})`, route] as const))(
    "%s",
    async (_title, route) => {
      await using sim = await startAdobeSimulator({ rateLimits: false });
      const before = JSON.stringify(sim.state());
      const client = createUmapiClient({
        settings: parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" }),
        mode: "plan",
        logger: recordingLogger(),
      });
      try {
        const { ims, umapi } = client.http;
        const tokenExchange = route.name === "ims.token" && route.pattern.endsWith("/v3");
        expect(await probe(umapi, route, {}, undefined, sim.url)).toEqual({ refused: true });
        expect(await probe(umapi, route, { testOnly: "false" }, undefined, sim.url)).toEqual({ refused: true });
        expect(await probe(umapi, route, {}, "testOnly=true&testOnly=false", sim.url)).toEqual({ refused: true });
        expect((await probe(ims, route, {}, undefined, sim.url)).refused).toBe(!tokenExchange);
        if (!tokenExchange) {
          const sent = sim.requests.filter((request) => request.path === route.pattern.replace(/:\w+/g, ""));
          expect(sent).toEqual([]);
          expect(sim.requests.filter((request) => request.route === route.name)).toEqual([]);
        }
        if (route.name === "action") {
          // UMAPI's dry run reaches the server, which validates and changes nothing.
          expect((await probe(umapi, route, { testOnly: "true" }, undefined, sim.url)).refused).toBe(false);
          expect(sim.requests.filter((request) => request.route === "action")).toHaveLength(1);
        }
        expect(JSON.stringify(sim.state())).toBe(before);
      } finally {
        await client.close();
      }
    },
  );
});
