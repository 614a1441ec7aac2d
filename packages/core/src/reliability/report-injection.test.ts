import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import { applyForVendor, planForVendor } from "../engine/run-plan.js";
import { defaultPolicy } from "../model/policy.js";
import type { ApplyResult, Plan } from "../plan/types.js";
import { renderPlanMarkdown } from "../report/render-markdown.js";
import { renderPlanText } from "../report/render-text.js";
import { sigmaCapabilities } from "../vendors/sigma/capabilities.js";
import { startSigmaSimulator } from "../vendors/sigma/simulator/index.js";
import { sigmaSimulatorEnv } from "../vendors/sigma/testing.js";
import { createSigmaVendor } from "../vendors/sigma/vendor.js";
import { recordingLogger } from "./convergence.js";

// Security suite: names, emails, team names and vendor messages that try markdown or HTML
// injection, @mentions, links or terminal escapes render inert in the markdown and text reports.

const HOSTILE = [
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  "[click me](https://evil.example/phish)",
  "@everyone @acme/admins",
  "**bold** _it_ ~~gone~~ `code`",
  "| forged | cell |",
  "<!-- hidden -->",
  "$\\sqrt{x}$ #1 GH-2",
  "\u001b[2J\u001b]0;pwned\u0007",
  "\u202egnp.exe",
  "javascript:alert(1)",
];
const csvCell = (text: string) => `"${text.replaceAll('"', '""')}"`;

const seed = {
  client: { clientId: "inj-client", clientSecret: "inj-secret-0123456789", memberEmail: "bot@inj.test" },
  teams: ["<b>Ops</b>", "@acme/admins"],
  members: HOSTILE.map((name, i) => ({ email: `old${i}@inj.test`, firstName: name, lastName: "X", teams: [] })),
};

const CSV = [
  "email,first_name,last_name,groups",
  // Existing members renamed from hostile names to other hostile names, joining hostile teams.
  ...HOSTILE.map((_name, i) =>
    [
      `old${i}@inj.test`,
      csvCell(HOSTILE[(i + 1) % HOSTILE.length] ?? ""),
      "Y",
      csvCell("<b>Ops</b>;@acme/admins"),
    ].join(","),
  ),
  // New members with hostile names and addresses whose local part is legal but markdown-heavy.
  ...HOSTILE.map((name, i) =>
    [`n${i}_a*b~c|d@inj.test`, csvCell(name), csvCell(`Last\n+ forged line ${i}`), ""].join(","),
  ),
  // Rows the reader rejects, so the hostile text reaches the problems section too.
  `${csvCell("<img src=x onerror=alert(1)>")},Bad,Row,`,
  `${csvCell("@everyone")},Bad,Row,${csvCell("[x](https://evil.example)")}`,
].join("\n");

/** A C0 control other than tab and line feed, or DEL (a loop: biome keeps them out of regexes). */
function hasControl(text: string): boolean {
  for (const char of text) {
    const code = char.charCodeAt(0);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f) return true;
  }
  return false;
}

const ALLOWED_TAGS = /<(\/?details|\/?summary|\/?sub)>/g;

function markdownProblems(markdown: string): string[] {
  const problems: string[] = [];
  const stripped = markdown.replace(ALLOWED_TAGS, "");
  if (/<[A-Za-z!/]/.test(stripped)) problems.push(`raw HTML: ${stripped.match(/.{0,30}<[A-Za-z!/].{0,30}/)?.[0]}`);
  if (/\]\(/.test(markdown)) problems.push("a markdown link");
  if (/:\/\//.test(markdown)) problems.push("a bare URL (autolink)");
  // A mention is `@` after a non-word character followed by a name; emails keep a word char before `@`.
  const mention = markdown.match(/(^|[^A-Za-z0-9\u200b])@[A-Za-z]/);
  if (mention) problems.push(`an @mention: ${mention[0]}`);
  if (/javascript:/i.test(markdown.replace(/&#58;/g, ""))) {
    // Only dangerous inside a link; with links gone it is text, but check it is not in an href.
    if (/href|\]\(/i.test(markdown)) problems.push("a javascript: link");
  }
  if (hasControl(markdown) || /[\u202a-\u202e\u2066-\u2069]/.test(markdown)) problems.push("a control character");
  // Every row of a table has as many cells as the table's separator row: no value opened a cell.
  let cells: number | undefined;
  for (const line of markdown.split("\n")) {
    if (!line.startsWith("|")) {
      cells = undefined;
      continue;
    }
    const count = line.split("|").length;
    if (/^\|[\s:|-]+\|$/.test(line)) cells = count;
    else if (cells !== undefined && count !== cells) problems.push(`a forged table cell: ${line}`);
  }
  return problems;
}

function textProblems(text: string): string[] {
  const problems: string[] = [];
  if (hasControl(text)) problems.push("a control character (terminal escape)");
  if (/[\u202a-\u202e\u2066-\u2069]/.test(text)) problems.push("a bidi override");
  if (text.split("\n").some((line) => line.startsWith("+ forged"))) problems.push("a forged line");
  return problems;
}

describe("reports render hostile names inert", () => {
  it("plan and apply reports, with hostile vendor names, file names, team names and vendor messages", async () => {
    await using sim = await startSigmaSimulator({ seed });
    const logger = recordingLogger();
    const vendor = createSigmaVendor(sigmaSimulatorEnv(sim), { mode: "apply", logger }, { sleep: async () => {} });
    const context = { logger };
    const desired = await readUsersCsv(
      { file: "users.csv", input: CSV },
      { groupSeparators: sigmaCapabilities.groupSeparators },
    );
    const policy = { ...defaultPolicy, createMissingGroups: true };
    const reports: { plan: Plan; result?: ApplyResult }[] = [];
    try {
      const { plan } = await planForVendor({ desired, vendor, policy, context });
      reports.push({ plan });
      expect(plan.diagnostics.filter((d) => d.severity === "error").length).toBeGreaterThanOrEqual(2);
      expect(plan.changes.length).toBeGreaterThan(10);

      // The same file without its bad rows applies, and Sigma answers some writes with hostile text.
      const valid = await readUsersCsv(
        { file: "users.csv", input: CSV.split("\n").slice(0, -2).join("\n") },
        { groupSeparators: sigmaCapabilities.groupSeparators },
      );
      sim.addFault({
        route: "members.update",
        rate: 0.5,
        status: 400,
        body: { message: `${HOSTILE.join(" ")} @octocat`, code: "<b>bad</b>" },
      });
      const output = await applyForVendor({ desired: valid, vendor, policy, context, stopOnError: false });
      expect(output.plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(output.result?.counts.failed).toBeGreaterThan(0);
      if (output.result) reports.push({ plan: output.plan, result: output.result });
    } finally {
      await vendor.close();
    }
    for (const { plan, result } of reports) {
      const markdown = renderPlanMarkdown({ plan, ...(result && { result }), heading: "@everyone <b>x</b>" });
      const text = renderPlanText(plan, result);
      expect(markdown).toContain("onerror=alert(1)");
      expect(markdownProblems(markdown)).toEqual([]);
      expect(textProblems(text)).toEqual([]);
    }
  });
});

describe("the inertness checks themselves", () => {
  it("flag raw HTML, links, mentions, forged cells and terminal escapes", () => {
    const raw = ["| a | b |", "| --- | --- |", "| <img src=x> | [x](https://e.x) @team |", "| x | y | z |"].join("\n");
    expect(markdownProblems(raw)).toHaveLength(5);
    expect(textProblems("ok\n+ forged line\n\u001b[2J")).toHaveLength(2);
  });
});
