import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROSTER_BIN } from "./__tests__/run-cli.js";

const root = new URL("../../../", import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), "utf8");

/** The commands of the README's "Quick start" code block. */
function quickStartCommands(): string[] {
  const readme = read("README.md");
  const section = readme.slice(readme.indexOf("## Quick start"));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  return block.split("\n").filter((line) => line.trim() !== "");
}

describe("quick start (README) and CI", () => {
  it("CI (.ci/run) runs the README's quick start commands verbatim, on the machine's own Node", () => {
    const commands = quickStartCommands();
    expect(commands).toHaveLength(2);
    const ci = read(".ci/run");
    const quickStart = ci.slice(ci.indexOf("# --- README quick start"), ci.indexOf("# --- end of the quick start"));
    expect(
      quickStart
        .split("\n")
        .slice(1)
        .filter((line) => line.trim() !== ""),
    ).toEqual(commands);
    // Outside any `npx -p node@24` wrapper: the commands themselves must bring Node 24.
    for (const command of commands) expect(command).toMatch(/^npx -y -p node@24 -p pnpm@[\d.]+ -- pnpm /);
  });

  it("the demo builds only the CLI and what it imports, not the Action bundle", () => {
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
    expect(scripts.demo).toMatch(/^turbo run build --filter=@roster\/cli\.\.\. /);
  });

  it("engines state the same supported Node everywhere, and bin/roster.js checks that version", () => {
    const cli = JSON.parse(read("packages/cli/package.json")) as { engines: { node: string } };
    const workspace = JSON.parse(read("package.json")) as { engines: { node: string } };
    expect(workspace.engines.node).toBe(cli.engines.node);
    const minimum = /const MINIMUM_NODE = "([\d.]+)"/.exec(read("packages/cli/bin/roster.js"))?.[1];
    expect(cli.engines.node).toBe(`>=${minimum}`);
  });

  it.each(["18.20.4", "20.20.2", "22.18.0"])(
    "on Node %s, roster prints one line naming the Node it needs and exits 2 (no stack trace)",
    (version) => {
      // Node's own process.versions, replaced before bin/roster.js runs.
      const dir = mkdtempSync(join(tmpdir(), "roster-node-"));
      const preload = join(dir, "old-node.cjs");
      writeFileSync(
        preload,
        `Object.defineProperty(process, "versions", { value: { ...process.versions, node: "${version}" } });`,
      );
      const run = spawnSync(process.execPath, ["--require", preload, ROSTER_BIN, "validate", "x.csv"], {
        encoding: "utf8",
      });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(
        `roster: needs Node.js 22.19.0 or newer (Node 24 recommended); this is Node ${version}.\n`,
      );
    },
  );

  it("on a supported Node, roster runs", () => {
    const run = spawnSync(process.execPath, [ROSTER_BIN, "--version"], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe((JSON.parse(read("packages/cli/package.json")) as { version: string }).version);
  });
});
