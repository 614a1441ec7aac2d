import { describe, it } from "vitest";
import { RELIABILITY_SUBJECTS } from "./subjects/index.js";
import type { ReadOnlyScenario } from "./subjects/subject.js";

// Security suite: in plan mode every mutating route of every vendor is refused before a byte is
// sent, except the token exchange and the vendor's own server-side test mode. Each vendor's
// subjects/<vendor>.ts lists its simulator's write routes and probes one.

const scenarios = RELIABILITY_SUBJECTS.flatMap((subject) => (subject.readOnly === undefined ? [] : [subject.readOnly]));

describe.each(scenarios.map((scenario) => [scenario.title, scenario] as const))(
  "%s",
  (_title, scenario: ReadOnlyScenario) => {
    it("enumerates the simulator's write routes", () => {
      scenario.expectRoutes(scenario.routes);
    });

    it.each(scenario.routes.map((route) => [`${route.method} ${route.pattern} (${route.name})`, route] as const))(
      "%s",
      async (_route, route) => {
        await scenario.probe(route);
      },
    );
  },
);
