#!/usr/bin/env node
// Generates the Action's inputs and outputs tables from action.yml into README.md, between
// `<!-- action-api-start -->` and `<!-- action-api-end -->` (changesets/action update-readme.ts).
//   node scripts/action-docs.mjs          rewrite README.md
//   node scripts/action-docs.mjs --check  exit 1 when README.md is stale
// action.yml is hand-written in a small YAML subset: block mappings indented by spaces, with plain,
// 'single'- or "double"-quoted scalar values. Anything else is an error, not a silent guess.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const START = "<!-- action-api-start -->";
const END = "<!-- action-api-end -->";

function parseScalar(text, lineNo) {
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2) throw new Error(`action.yml:${lineNo}: unterminated "string"`);
    return JSON.parse(text);
  }
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2) throw new Error(`action.yml:${lineNo}: unterminated 'string'`);
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (/^[[{|>&*!]/.test(text)) throw new Error(`action.yml:${lineNo}: unsupported YAML value "${text}"`);
  return text.replace(/\s+#.*$/, "");
}

/** Parses nested block mappings of scalars into plain objects. */
export function parseActionYaml(source) {
  const result = {};
  const stack = [{ indent: -1, node: result }];
  source.split(/\r?\n/).forEach((raw, index) => {
    const lineNo = index + 1;
    if (/^\s*(#.*)?$/.test(raw)) return;
    const match = /^( *)([A-Za-z0-9_.-]+):(?:\s+(.*))?$/.exec(raw);
    if (!match) throw new Error(`action.yml:${lineNo}: unsupported line "${raw.trim()}"`);
    const [, spaces, key, rest] = match;
    const indent = spaces.length;
    while (stack.length > 1 && stack[stack.length - 1].indent >= indent) stack.pop();
    const parent = stack[stack.length - 1].node;
    if (rest === undefined || rest.trim() === "" || rest.trim().startsWith("#")) {
      const child = {};
      parent[key] = child;
      stack.push({ indent, node: child });
    } else {
      parent[key] = parseScalar(rest.trim(), lineNo);
    }
  });
  return result;
}

const cell = (text) => String(text).replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (text) => (text === "" ? "" : `\`${text}\``);

export function renderApi(action) {
  const lines = ["### Inputs", "", "| name | description | default |", "| --- | --- | --- |"];
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    const required = input.required === "true" || input.required === true ? " **Required.**" : "";
    lines.push(`| \`${name}\` | ${cell(input.description ?? "")}${required} | ${cell(code(input.default ?? ""))} |`);
  }
  lines.push("", "### Outputs", "", "| name | description |", "| --- | --- |");
  for (const [name, output] of Object.entries(action.outputs ?? {})) {
    lines.push(`| \`${name}\` | ${cell(output.description ?? "")} |`);
  }
  return lines.join("\n");
}

export function updateReadme(readme, api) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`README.md must contain ${START} followed by ${END}`);
  }
  return `${readme.slice(0, start + START.length)}\n${api}\n${readme.slice(end)}`;
}

function main() {
  const check = process.argv.includes("--check");
  const action = parseActionYaml(readFileSync(`${root}action.yml`, "utf8"));
  const readmePath = `${root}README.md`;
  const readme = readFileSync(readmePath, "utf8");
  const next = updateReadme(readme, renderApi(action));
  if (check) {
    if (next !== readme) {
      console.error("README.md's Action inputs/outputs are stale: run `node scripts/action-docs.mjs`.");
      process.exit(1);
    }
    console.log("README.md's Action inputs/outputs match action.yml.");
    return;
  }
  if (next !== readme) writeFileSync(readmePath, next);
  console.log(next === readme ? "README.md already up to date." : "README.md updated from action.yml.");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
