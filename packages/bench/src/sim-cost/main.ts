// The Sigma simulator's own CPU for the reads one plan makes (every member page at limit=1000,
// the team listing, every team's member pages) and for 100 creates, at several organisation
// sizes. The simulator runs in a child process so its CPU is measured apart from the client's.
// Usage: node src/sim-cost/main.ts [--members 10000 --members 100000] [--runs 3]
import { spawn } from "node:child_process";
import { once } from "node:events";
import { loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { members: { type: "string", multiple: true }, runs: { type: "string", default: "3" } },
  allowPositionals: false,
});
const sizes = (values.members ?? ["10000", "100000"]).map(Number);
const runs = Number(values.runs);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--members must be a positive integer");
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs must be a positive integer");

const SERVER = fileURLToPath(new URL("./server.ts", import.meta.url));
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function once_(size: number): Promise<{ readsMs: number; createsMs: number }> {
  const child = spawn(process.execPath, [SERVER, String(size)], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => JSON.parse(String((await lines.next()).value));
  const cpu = async () => {
    child.stdin.write("cpu\n");
    const usage = (await next()) as { user: number; system: number };
    return (usage.user + usage.system) / 1000;
  };
  const { url, clientId, clientSecret } = (await next()) as { url: string; clientId: string; clientSecret: string };
  const token = (await (
    await fetch(`${url}/v2/auth/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
    })
  ).json()) as { access_token: string };
  const headers = { authorization: `Bearer ${token.access_token}`, "content-type": "application/json" };
  const list = async (path: string, query: Record<string, string>) => {
    let page: string | null = null;
    do {
      const q = new URLSearchParams({ ...query, limit: "1000", ...(page === null ? {} : { page }) });
      const body = (await (await fetch(`${url}${path}?${q}`, { headers })).json()) as {
        entries: { teamId?: string }[];
        nextPage: string | null;
      };
      page = body.nextPage;
      if (path === "/v2/teams") return body.entries;
    } while (page !== null);
    return [];
  };
  const before = await cpu();
  await list("/v2/members", { includeArchived: "true", includeInactive: "true" });
  for (const team of await list("/v2/teams", {})) await list(`/v2/teams/${team.teamId}/members`, {});
  const read = await cpu();
  for (let i = 0; i < 100; i++) {
    await fetch(`${url}/v2/members?sendInvite=false`, {
      method: "POST",
      headers,
      body: JSON.stringify({ email: `new${i}@acme.test`, firstName: "New", lastName: `${i}` }),
    });
  }
  const created = await cpu();
  child.kill();
  await once(child, "close");
  return { readsMs: read - before, createsMs: created - read };
}

for (const size of sizes) {
  const reads: number[] = [];
  const creates: number[] = [];
  const loads: number[] = [];
  for (let i = 0; i < runs; i++) {
    loads.push(loadavg()[0] ?? 0);
    const result = await once_(size);
    reads.push(result.readsMs);
    creates.push(result.createsMs);
  }
  const fmt = (xs: number[]) => xs.map((x) => Math.round(x)).join(", ");
  process.stdout.write(
    `${size} members: simulator CPU for one plan's reads median ${Math.round(median(reads))} ms (${fmt(reads)}); ` +
      `100 creates median ${Math.round(median(creates))} ms (${fmt(creates)}); ` +
      `1-min load ${loads.map((l) => l.toFixed(1)).join(", ")}\n`,
  );
}
