#!/usr/bin/env node
// Fails when a comment or a doc cites something a reader of the repository cannot follow: a docs
// path or heading anchor that does not exist, or a source outside the repository (the old research
// notes, a design file, "issue #N"). Cheap: reads the tracked text files once, no build needed.
// Usage: node scripts/check-citations.mjs [repo-root]
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

const root = process.argv[2] ?? join(dirname(new URL(import.meta.url).pathname), "..");
const files = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" })
  .split("\0")
  .filter((file) => /\.(ts|mts|mjs|js|md|yml|yaml)$/.test(file))
  .filter((file) => !/(^|\/)dist\//.test(file) && !file.includes("node_modules/"))
  .filter((file) => file !== "scripts/check-citations.mjs");

/** Citations of things that are not in the repository. */
const OUTSIDE = [
  [/\bvendor-apis\b/, "the research note vendor-apis: cite docs/vendors/<vendor>.md#section"],
  [/\bgitops-anchors\b/, "the research note gitops-anchors: cite docs/plan-in-pr.md or docs/csv-edge-cases.md"],
  [/\bstyle-anchors\b/, "the research note style-anchors: cite docs/style.md"],
  [/\bdesign\.md\b/, "design.md is not in the repository: cite the README section"],
  [/\bresearch\//, "research/ is not in the repository"],
  [/\bissue #\d+/i, "an issue number: name the test that holds the behaviour"],
  [/(?<!RFC \d+ )§\s?\d/, "a numbered section of a document outside the repository"],
];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(text) {
  const anchors = new Set();
  const seen = new Map();
  let fenced = false;
  for (const line of text.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading === null) continue;
    const base = heading[1]
      .replace(/`/g, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

const anchorCache = new Map();
function check(target, anchor) {
  if (!existsSync(join(root, target))) return `${target} does not exist`;
  if (anchor === undefined || !target.endsWith(".md")) return undefined;
  if (!anchorCache.has(target)) anchorCache.set(target, anchorsOf(readFileSync(join(root, target), "utf8")));
  return anchorCache.get(target).has(anchor) ? undefined : `${target} has no heading #${anchor}`;
}

const problems = [];
for (const file of files) {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  lines.forEach((line, index) => {
    const where = `${file}:${index + 1}`;
    for (const [pattern, why] of OUTSIDE) {
      if (pattern.test(line)) problems.push(`${where}: cites ${why}`);
    }
    // Repository paths, from the root: docs/…md#anchor, packages/…md, README.md#anchor.
    for (const match of line.matchAll(/(?<![\w./-])((?:docs|packages)\/[\w./-]+\.md|README\.md)(?:#([\w-]+))?/g)) {
      if (line[match.index - 1] === "(" && line[match.index - 2] === "]") continue; // a markdown link, below
      if (file.endsWith(".md") && line[match.index - 1] === "`") continue; // a quoted path in another repository
      const problem = check(match[1], match[2]);
      if (problem !== undefined) problems.push(`${where}: ${problem}`);
    }
    // Markdown links, relative to the file.
    if (file.endsWith(".md")) {
      for (const match of line.matchAll(/\]\(([^)\s]+)\)/g)) {
        const link = match[1];
        if (/^[a-z]+:/i.test(link)) continue;
        const [path, anchor] = link.split("#");
        const target = path === "" ? file : normalize(join(dirname(file), path));
        if (relative(root, join(root, target)).startsWith("..")) {
          problems.push(`${where}: ${link} leaves the repository`);
          continue;
        }
        const problem = check(target, anchor);
        if (problem !== undefined) problems.push(`${where}: ${problem}`);
      }
    }
  });
}

if (problems.length > 0) {
  process.stderr.write(`${problems.join("\n")}\n${problems.length} citation(s) a reader cannot follow.\n`);
  process.exit(1);
}
process.stdout.write(`check-citations: ${files.length} files, every citation resolves.\n`);
