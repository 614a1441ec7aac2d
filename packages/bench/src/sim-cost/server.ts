// Child of sim-cost/main.ts: a Sigma simulator seeded with N members, alone in its process so its
// CPU can be read apart from the client's. stdin "cpu" -> one line of JSON process.cpuUsage().
import { createInterface } from "node:readline";
import { startSigmaSimulator } from "@roster/core/testing";

const members = Number(process.argv[2]);
const teams = Array.from({ length: 20 }, (_, i) => `team-${i}`);
const sim = await startSigmaSimulator({
  config: { legacyArrays: false },
  seed: {
    organizationId: "cost",
    teams,
    members: Array.from({ length: members }, (_, i) => ({
      email: `user${i}@acme.test`,
      firstName: "User",
      lastName: `${i}`,
      memberType: "viewer",
      teams: [teams[i % teams.length] as string],
    })),
  },
});
process.stdout.write(`${JSON.stringify({ url: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  if (line === "cpu") process.stdout.write(`${JSON.stringify(process.cpuUsage())}\n`);
  if (line === "exit") break;
}
await sim.close();
// stdin keeps the event loop alive after the loop ends.
process.exit(0);
