import { describe, expect, it } from "vitest";
import { REDACTED } from "../../http/index.js";
import { createUmapiClient } from "./client.js";
import { parseAdobeSettings } from "./settings.js";
import { adobeSimulatorEnv, startAdobeSimulator } from "./simulator/index.js";

const logger = { info: () => {}, warn: () => {}, debug: () => {} };

describe("UMAPI action answers", () => {
  it("redact the secret and the bearer token that a 200's per-entry errors and warnings echo (issue 11)", async () => {
    await using sim = await startAdobeSimulator({ rateLimits: false });
    const env = adobeSimulatorEnv(sim);
    const secret = env.ADOBE_CLIENT_SECRET ?? "";
    const tokens: string[] = [];
    const client = createUmapiClient({
      settings: parseAdobeSettings(env),
      mode: "apply",
      logger,
      onSecret: (value) => tokens.push(value),
    });
    try {
      await client.listGroups();
      const echoed = `rejected for ${secret} with {{bearer}}`;
      sim.addFault({
        route: "action",
        status: 200,
        body: {
          completed: 0,
          notCompleted: 1,
          completedInTestMode: 0,
          result: "error",
          errors: [{ index: 0, step: 0, message: echoed, errorCode: "error.command.invalid" }],
          warnings: [{ index: 0, step: 0, message: echoed, warningCode: "warning.x" }],
        },
      });
      const answer = await client.action([{ user: "a@b.test", do: [{ removeFromOrg: {} }] }] as never, false);
      expect(tokens).toHaveLength(1);
      const texts = JSON.stringify(answer);
      expect(texts).toContain(`rejected for ${REDACTED} with ${REDACTED}`);
      expect(texts).not.toContain(secret);
      expect(texts).not.toContain(tokens[0]);
    } finally {
      await client.close();
    }
  });
});
