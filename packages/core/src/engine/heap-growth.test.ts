import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HEAP_GROWTH_FLAGS, heapGrowthFlagsToApply } from "./heap-growth.js";

const MODULE = fileURLToPath(new URL("./heap-growth.ts", import.meta.url));

/**
 * A fresh Node that keeps 600,000 small objects alive (as a plan keeps rows and directory users)
 * and reports the largest its young generation got; with `limit`, limitHeapGrowth() runs first.
 */
function largestYoungGeneration(limit: boolean): number {
  const script = `
    import { getHeapSpaceStatistics } from "node:v8";
    const { limitHeapGrowth } = await import(${JSON.stringify(MODULE)});
    const young = () => getHeapSpaceStatistics().find((space) => space.space_name === "new_space").space_size;
    if (${limit}) limitHeapGrowth({ execArgv: [], nodeOptions: undefined });
    let largest = young();
    const kept = [];
    for (let i = 0; i < 600000; i++) {
      kept.push({ email: "user" + i + "@example.com", groups: [i] });
      if (i % 1000 === 0) largest = Math.max(largest, young());
    }
    process.stdout.write(JSON.stringify({ largest, kept: kept.length }));
  `;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  return (JSON.parse(out) as { largest: number }).largest;
}

describe("limitHeapGrowth", () => {
  it("keeps V8's young generation well below what V8 alone grows it to", () => {
    // V8 alone doubles it up to its maximum (128 MB on a machine with 16 GB or more); limited, it
    // grows a 256 KB page at a time and shrinks again: 3 to 4 MB in most runs on Node 24, 34 MB in
    // the largest seen, as the timing of the collections allows.
    const alone = largestYoungGeneration(false);
    const limited = largestYoungGeneration(true);
    expect(alone).toBeGreaterThanOrEqual(32 * 1048576);
    expect(limited).toBeLessThanOrEqual(alone / 2);
  });

  it("applies both settings when the user set neither", () => {
    expect(heapGrowthFlagsToApply({ execArgv: [], nodeOptions: undefined })).toEqual([...HEAP_GROWTH_FLAGS]);
    expect(heapGrowthFlagsToApply({ execArgv: ["--enable-source-maps"], nodeOptions: "--no-warnings" })).toEqual([
      ...HEAP_GROWTH_FLAGS,
    ]);
  });

  it("leaves a setting the user gave Node as given, on the command line or in NODE_OPTIONS, in either spelling", () => {
    expect(heapGrowthFlagsToApply({ execArgv: ["--semi-space-growth-factor=2"], nodeOptions: undefined })).toEqual([
      "--heap-growing-percent=20",
    ]);
    expect(
      heapGrowthFlagsToApply({ execArgv: [], nodeOptions: "--max-old-space-size=512 --heap_growing_percent=50" }),
    ).toEqual(["--semi-space-growth-factor=1"]);
    expect(
      heapGrowthFlagsToApply({ execArgv: ["--heap-growing-percent=5"], nodeOptions: "--semi_space_growth_factor=4" }),
    ).toEqual([]);
  });
});
