// The child of memory-phases.ts. Plain JavaScript for the reason worker.js gives (no type stripper
// in the measured process). Usage: node --expose-gc src/memory-phases-child.js <job.json>
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { getHeapSpaceStatistics, writeHeapSnapshot } from "node:v8";
import { defaultPolicy, getVendorModule, planChanges, readUsersCsvFile, validateForVendor } from "@roster/core";

const quiet = { info: () => {}, warn: () => {}, debug: () => {} };
const mb = (bytes) => `${(bytes / 1048576).toFixed(1)}`;

/** Resident MB by kind of mapping: the node binary, 256 KB V8 heap pages and small mappings, malloc, the rest. */
function residentByKind() {
  const kinds = {};
  let kind = "other";
  for (const line of readFileSync("/proc/self/smaps", "utf8").split("\n")) {
    const mapping = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping !== null) {
      const size = Number.parseInt(mapping[2], 16) - Number.parseInt(mapping[1], 16);
      const name = mapping[3] ?? "";
      if (name === "[heap]") kind = "malloc";
      else if (name.startsWith("/") && /\/node$/.test(name)) kind = "node binary";
      else if (name === "" && size <= 1048576) kind = "V8 pages";
      else if (name === "") kind = "anonymous";
      else kind = "other";
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss !== null) kinds[kind] = (kinds[kind] ?? 0) + Number(rss[1]) * 1024;
  }
  return Object.entries(kinds)
    .map(([name, bytes]) => `${name} ${mb(bytes)}`)
    .join(", ");
}

function checkpoint(job, phase) {
  globalThis.gc?.();
  const usage = process.memoryUsage();
  const peak = process.resourceUsage().maxRSS * 1024;
  const spaces = getHeapSpaceStatistics()
    .filter((space) => space.space_size >= 1048576)
    .map((space) => `${space.space_name} ${mb(space.space_size)}`)
    .join(", ");
  process.stdout.write(
    `${phase.padEnd(6)} rss ${mb(usage.rss)} MB (peak so far ${mb(peak)}), live heap ${mb(usage.heapUsed)}, heap ${mb(usage.heapTotal)} [${spaces}]\n       resident: ${residentByKind()}\n`,
  );
  if (job.snapshot === phase) writeHeapSnapshot(join(job.snapshotDir, `${phase}.heapsnapshot`));
}

const job = JSON.parse(await readFile(process.argv[2], "utf8"));
checkpoint(job, "start");
const module = getVendorModule(job.vendor);
const validateUser = module.validateUser;
const parsed = await readUsersCsvFile(job.csv, {
  groupSeparators: module.capabilities.groupSeparators,
  ...(validateUser === undefined ? {} : { validateUser: validateUser.bind(module) }),
});
checkpoint(job, "csv");
const [vendor] = module.create(job.env, { mode: "plan", logger: quiet });
const desired = validateForVendor(parsed, vendor);
const directory = await vendor.read({ logger: quiet });
checkpoint(job, "read");
const plan = planChanges({ desired, directory, policy: defaultPolicy, vendor });
checkpoint(job, "plan");
await vendor.close();
process.stdout.write(`${desired.users.length} rows, ${directory.users.length} users, ${plan.changes.length} changes\n`);
