import { resolve, sep } from "node:path";
import * as core from "@actions/core";
import {
  type ApplyForVendorOutput,
  type AwaitingTarget,
  applyConfigTarget,
  type ChangeOrigin,
  type ConfigRun,
  type ConfigTarget,
  createConfigTargets,
  type DesiredState,
  type Diagnostic,
  getVendorModule,
  hasErrors,
  hasInputErrors,
  isCoreError,
  type Logger,
  type Plan,
  parseAllowRemovals,
  planConfigTarget,
  prepareConfigRun,
  type RemovalAcknowledgement,
  RosterConfigError,
  readConfigUsers,
  renderApprovalHowTo,
  secretValuesOf,
  shownValue,
  targetLabel,
  unsafeMessage,
  VENDOR_IDS,
} from "@roster/core";
import { annotateDiagnostics } from "./annotations.js";
import { commentFooter, commentMarker } from "./comment.js";
import { classifyConfigAgainstBase, type PlannedTarget } from "./config-origins.js";
import { type ConfigSection, checksumsText, renderSections } from "./config-sections.js";
import { readRunFacts } from "./context.js";
import { createDriftIssueApi, syncDriftIssue } from "./drift-issue.js";
import { createGitHubApi, type GitHubApi } from "./github.js";
import { supersededCheck } from "./head-check.js";
import { type ActionInputs, InputError, parseInputs } from "./inputs.js";
import { resolveMode } from "./mode.js";
import { validateOffline } from "./offline.js";
import type { OutdatedTarget } from "./outdated.js";
import { setOutputs, summariseOutputs } from "./outputs.js";
import { COMMENT_MAX_CHARS, ownIdentity, postComment } from "./report.js";
import { bindToReview, type ReviewKey, readReview } from "./review.js";
import { redactReport, runSecrets } from "./secrets.js";
import { writeSummary } from "./summary.js";

/**
 * The Action with `config: roster.yml` (docs/roster-yml.md): one step plans or applies every
 * vendor and site roster.yml names, one sticky comment per pull request holds a section per
 * target within one shared budget, outputs come per target and in total, and on `schedule` /
 * `workflow_dispatch` the plan also opens, updates or closes the drift issue.
 *
 * - Credentials come from the step's `env:` (the variables the CLI reads) and the existing
 *   inputs; an input wins over the environment.
 * - The policy lives in roster.yml, reviewed with the users files. The runner fills every input
 *   with its default, so an input left at its default is ignored; one set to anything else is
 *   refused with a message pointing to roster.yml. `allow-removals` acknowledges one target's
 *   plan: `N` when there is one target, else `sigma=3, periscope.acme-rbac=2`.
 * - A merge applies each target only when its plan is the one reviewed on the pull request (its
 *   entry in the footer of Roster's own config comment) or approved in `approve-checksum`, with
 *   the single-vendor rules of review.ts; a target whose plan differs writes nothing while the
 *   others apply (test/config-review.e2e.test.ts).
 */
export function configInput(): string | undefined {
  const value = core.getInput("config").trim().replace(/^\.\//, "");
  return value === "" ? undefined : value;
}

const logger: Logger = {
  info: (message) => core.info(message),
  warn: (message) => core.warning(message),
  debug: (message) => core.debug(message),
};

/** Policy inputs and their action.yml defaults, with the roster.yml key that replaces each. */
const POLICY_INPUTS: readonly [input: string, defaults: readonly string[], key: string][] = [
  ["absent-users", ["", "ignore"], "absent-users"],
  ["group-scope", ["", "listed"], "group-scope"],
  ["create-missing-groups", ["", "false"], "create-groups"],
  ["protected-users", [""], "protect"],
  ["removal-threshold", ["", "10%,5"], "removal-threshold` / `removal-floor"],
  ["csv", ["", "users.csv"], "users"],
];

function refusePolicyInputs(config: string): void {
  for (const [input, defaults, key] of POLICY_INPUTS) {
    const value = core.getInput(input).trim();
    if (defaults.includes(value)) continue;
    throw new InputError(
      input,
      `with \`config\`, this lives in ${config}, reviewed with the users files: set \`${key}\` there (under \`vendors.<vendor>\` for a policy) and leave \`${input}\` at its default.`,
    );
  }
}

/** `3` (one target) or `sigma=3, periscope.acme-rbac=2`. */
export function parseAllowRemovalsFor(
  text: string,
  keys: readonly string[],
): Map<string, readonly RemovalAcknowledgement[]> {
  const acknowledged = new Map<string, readonly RemovalAcknowledgement[]>();
  const trimmed = text.trim();
  if (trimmed === "") return acknowledged;
  if (!trimmed.includes("=")) {
    if (keys.length !== 1) {
      throw new InputError(
        "allow-removals",
        `with several targets, say whose plan: e.g. \`${keys[0] ?? "sigma"}=${trimmed}\` (targets: ${keys.join(", ")}).`,
      );
    }
    acknowledged.set(keys[0] ?? "", parseAllowRemovals(trimmed, "allow-removals"));
    return acknowledged;
  }
  for (const part of trimmed
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== "")) {
    const match = /^([\w.-]+)\s*=\s*(\S+)$/.exec(part);
    if (match?.[1] === undefined || !keys.includes(match[1])) {
      throw new InputError(
        "allow-removals",
        `\`${part}\` is not \`<target>=<count@digest>\` with a target among ${keys.join(", ")}.`,
      );
    }
    acknowledged.set(match[1], parseAllowRemovals(match[2] ?? "", "allow-removals"));
  }
  return acknowledged;
}

/** Vendor settings from the step's environment, overlaid by the inputs that set the same names. */
function settingsOf(inputs: ActionInputs): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && value !== "" && /^(SIGMA|PERISCOPE|ADOBE)_/.test(name)) settings[name] = value;
  }
  for (const [name, value] of Object.entries(inputs.settings))
    if (value !== undefined && value !== "") settings[name] = value;
  // Secrets from the environment are masked and redacted like the secret inputs (secrets.ts): a
  // vendor may echo one, into the log or into a report. Each Periscope site's key on its own too.
  for (const id of VENDOR_IDS) {
    for (const value of secretValuesOf(settings, getVendorModule(id).secretSettings)) runSecrets.add(value);
  }
  return settings;
}

function keyOf(target: ConfigTarget): string {
  return target.vendor.target !== undefined && (target.config.sites ?? []).length > 0
    ? `${target.vendor.id}.${target.vendor.target}`
    : target.vendor.id;
}

function labelOf(target: ConfigTarget): string {
  return targetLabel({ vendor: target.vendor.id, target: target.vendor.target });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `onFailure` receives what a failed pull request run needs to mark the config's plan comment out
 * of date (outdated.ts), once the run knows its pull request and token.
 */
export async function runConfigAction(
  config: string,
  onFailure: (target: OutdatedTarget) => void = () => undefined,
): Promise<void> {
  const inputs = parseInputs();
  const facts = readRunFacts();
  const resolved = resolveMode(inputs.mode, { ...facts, approval: inputs.approveChecksums.length > 0 });
  if (resolved.warning !== undefined) core.warning(resolved.warning);
  refusePolicyInputs(config);
  const settings = settingsOf(inputs);
  core.info(
    resolved.mode === "plan"
      ? `Roster DRY RUN for ${config}: nothing will be changed (${resolved.reason}).`
      : `Roster LIVE for ${config}: applying changes (${resolved.reason}).`,
  );
  // roster.yml and every users file it names must be inside the checked-out repository: a path
  // or glob with `..` must not make the Action read files the pull request does not hold.
  const workspace = resolve(facts.workspace);
  const inside = (path: string) => path === workspace || path.startsWith(`${workspace}${sep}`);
  const configPath = resolve(workspace, config);
  if (!inside(configPath)) throw new InputError("config", `${shownValue(config)} is outside the repository.`);
  const github = createGitHubApi(inputs.githubToken, facts.repo);
  // The offline report takes the place of the config's one comment (same marker: vendor=all, csv=config).
  const offlineInputs = { ...inputs, vendor: "all", csv: config };
  const pr = facts.pullRequest;
  if (resolved.mode === "plan" && pr !== undefined && !pr.closed && inputs.comment) {
    onFailure({ github, inputs: offlineInputs, facts });
  }
  let vendors: readonly string[] = [];
  const offline = (reason: string | undefined, diagnostics: readonly Diagnostic[], desired?: DesiredState) =>
    validateOffline({
      inputs: offlineInputs,
      facts,
      desired: desired ?? {
        file: config,
        users: [],
        headerLine: 0,
        columns: {},
        attributeColumns: {},
        groupsNamed: [],
        diagnostics,
      },
      github,
      mode: resolved.mode,
      reason,
      targets: [undefined],
      vendors,
    }).then(() => undefined);
  let run: ConfigRun;
  try {
    run = await prepareConfigRun({ path: configPath, displayName: config, displayRoot: workspace });
  } catch (error) {
    // An invalid roster.yml is reported like an invalid users file: annotated on its lines, in
    // the summary and in the config's one comment (state `invalid`: no plan to review).
    if (error instanceof RosterConfigError) return offline(undefined, error.diagnostics);
    throw error;
  }
  vendors = run.vendors.map((v) => v.id);
  const outside = run.files.find((file) => !inside(resolve(file.path)));
  if (outside !== undefined) {
    throw new InputError(
      "config",
      `${config} names a users file outside the repository (${shownValue(outside.name)}).`,
    );
  }
  const users = await readConfigUsers(run);
  const combined: DesiredState | undefined = users.byTarget.values().next().value;
  if (pr?.fromFork === true) {
    return offline(
      "this pull request comes from a fork, and GitHub gives fork pull requests no secrets",
      users.diagnostics,
      combined,
    );
  }
  if (hasErrors(users.diagnostics)) return offline(undefined, users.diagnostics, combined);

  let targets: ConfigTarget[];
  try {
    // Tokens the vendors are granted at run time are secrets too (secrets.ts).
    targets = await createConfigTargets(run, settings, {
      mode: resolved.mode,
      logger,
      onSecret: (value) => runSecrets.add(value),
    });
  } catch (error) {
    if (pr !== undefined && isCoreError(error) && error.code === "CONFIG_MISSING") {
      return offline(`credentials are not available to this run (${describe(error)})`, users.diagnostics, combined);
    }
    throw error;
  }
  const acknowledged = parseAllowRemovalsFor(core.getInput("allow-removals"), targets.map(keyOf));
  targets = targets.map((t) => {
    const n = acknowledged.get(keyOf(t));
    return n === undefined ? t : { ...t, policy: { ...t.policy, allowRemovals: n } };
  });

  const context = { logger };
  // A merge (or an approval run) is held to the plan reviewed on the pull request, target by
  // target, exactly as the single-vendor path (review.ts): each target is applied only when its
  // plan's checksum is the one Roster showed for it in the config's comment, or one given in
  // `approve-checksum`. A target whose plan differs writes nothing; the others still apply, as
  // each Periscope site does on its own in a single-vendor run (docs/roster-yml.md#the-action).
  const reviewKey = (target: ConfigTarget): ReviewKey => ({ vendor: "all", csv: config, section: keyOf(target) });
  const review =
    resolved.mode === "apply" ? await readReview(inputs, facts, github, targets.map(reviewKey)) : undefined;
  let sections: ConfigSection[];
  // On a pull request, each plan with changes, kept with its directory to tell what the pull
  // request introduces from what was pending on the base branch (config-origins.ts).
  const planned: PlannedTarget[] = [];
  try {
    const settled = await Promise.allSettled(
      targets.map(async (target): Promise<ConfigSection> => {
        const base = { key: keyOf(target), label: labelOf(target) };
        if (review === undefined) {
          const { directory, plan } = await planConfigTarget({
            users,
            target,
            context,
            serverCheck: inputs.serverCheck,
          });
          if (pr !== undefined && plan.changes.length > 0) {
            planned.push({
              key: base.key,
              id: target.config.id,
              site: target.vendor.target,
              vendor: target.vendor,
              directory,
              plan,
            });
          }
          return { ...base, plan };
        }
        const accepted = review.accepted(reviewKey(target));
        const out: ApplyForVendorOutput = await applyConfigTarget({
          users,
          target,
          context,
          serverCheck: inputs.serverCheck,
          stopOnError: inputs.stopOnError,
          // Two merges seconds apart: only the head of the default branch writes (head-check.ts).
          beforeWrite: supersededCheck(github, facts),
          ...(accepted === undefined ? {} : { expectedChecksum: accepted }),
        });
        // The one notice for every refused target is built below, not one per target.
        const { notice: _perTarget, ...bound } = bindToReview(
          {
            ...base,
            plan: out.plan,
            ...(out.result === undefined ? {} : { result: out.result }),
            ...(out.refused === undefined ? {} : { refused: out.refused }),
          },
          reviewKey(target),
          review,
          inputs,
        );
        return bound;
      }),
    );
    const origins =
      pr === undefined || planned.length === 0
        ? new Map<string, readonly ChangeOrigin[]>()
        : await classifyConfigAgainstBase(github, config, users.files, pr.baseSha, planned);
    sections = settled.map((result, i) => {
      const target = targets[i] as ConfigTarget;
      const of = origins.get(keyOf(target));
      // Redacted as data, before any renderer escapes it (secrets.ts).
      return redactReport(
        result.status === "fulfilled"
          ? { ...result.value, ...(of === undefined ? {} : { origins: of }) }
          : { key: keyOf(target), label: labelOf(target), error: describe(result.reason) },
      );
    });
  } finally {
    await Promise.allSettled(targets.map((t) => t.vendor.close()));
  }
  for (const s of sections) {
    if (s.plan !== undefined)
      core.info(
        `${s.label}: ${s.plan.counts.total} changes (${s.plan.counts.destructive} destructive), checksum ${s.plan.checksum.slice(0, 12)}`,
      );
    else core.error(`${s.label}: ${s.error}`);
  }
  const plans: Plan[] = sections.flatMap((s) => (s.plan === undefined ? [] : [s.plan]));
  annotateDiagnostics(plans.flatMap((p) => p.diagnostics));

  const sha = pr?.headSha ?? facts.sha;
  const links = {
    blobBase: `${facts.serverUrl}/${facts.repository}/blob/${sha}`,
    defaultFile: users.files[0] ?? "users.csv",
  };
  const heading = `## Roster · ${config} · ${users.files.join(", ")}`;
  // One notice for every target refused at merge: each target's checksum and the one value of
  // `approve-checksum` that approves them all.
  const awaiting: AwaitingTarget[] = sections.flatMap((s) =>
    s.refused === "checksum" && s.plan !== undefined ? [{ target: s.label, checksum: s.plan.checksum }] : [],
  );
  const top = awaiting.length === 0 ? [heading] : [heading, renderApprovalHowTo(awaiting)];
  let commentUrl = "";

  if (resolved.mode === "plan" && pr !== undefined && inputs.comment) {
    // The token's exact identity; when it cannot be read, Roster writes no comment and trusts none.
    // A closed pull request keeps the comment it was reviewed with.
    const ownLogin = pr.closed ? undefined : await ownIdentity(github);
    if (pr.closed) core.info(`#${pr.number} is closed: its plan comment is what was reviewed, so it is left as it is.`);
    if (ownLogin !== undefined) {
      commentUrl = await postConfigComment(github, pr.number, "comment", top, sections, links, sha, config, ownLogin);
    }
  } else if (review?.ownLogin !== undefined && inputs.comment) {
    for (const pull of review.pulls) {
      commentUrl = await postConfigComment(
        github,
        pull,
        "result",
        top,
        sections,
        links,
        facts.sha,
        config,
        review.ownLogin,
      );
    }
  }

  const full = renderSections(sections, links, 900_000);
  await writeSummary([...top, ...full]);
  const results = sections.flatMap((s) => (s.result === undefined ? [] : [s.result]));
  setOutputs(summariseOutputs(resolved.mode, plans, results, commentUrl));
  setTargetOutputs(sections);

  const drift = core.getInput("drift-issue").trim().toLowerCase();
  if (
    resolved.mode === "plan" &&
    ["schedule", "workflow_dispatch"].includes(facts.eventName) &&
    !["false", "no", "off"].includes(drift)
  ) {
    const changes = plans.reduce((sum, p) => sum + p.counts.total, 0);
    const body = [
      heading,
      ...renderSections(sections, links, COMMENT_MAX_CHARS - 400, "the job summary of the workflow run"),
    ].join("\n\n");
    // Only Roster's own issue is updated or closed; without its identity it cannot tell which that is.
    const ownLogin = await ownIdentity(github);
    if (ownLogin === undefined)
      core.warning("The drift issue was not opened, updated or closed: see the warning above.");
    else
      await syncDriftIssue(createDriftIssueApi(inputs.githubToken, facts.repo), {
        config,
        ownLogin,
        changes,
        body,
        runUrl: `${facts.serverUrl}/${facts.repository}/actions/runs/${process.env.GITHUB_RUN_ID ?? ""}`,
      });
  }
  failIfNeeded(sections, resolved.mode, facts.defaultBranch);
}

async function postConfigComment(
  github: GitHubApi,
  issue: number,
  kind: "comment" | "result",
  top: readonly string[],
  sections: readonly ConfigSection[],
  links: { blobBase: string; defaultFile: string },
  sha: string,
  config: string,
  ownLogin: string,
): Promise<string> {
  const marker = commentMarker({ vendor: "all", csv: config }, kind);
  // `awaiting-approval` is a notice, never read as a reviewed plan: only a `comment` in state
  // `plan` is (report.ts readReviewedPlan).
  const state =
    kind === "comment"
      ? "plan"
      : sections.some((s) => s.refused === "checksum")
        ? "awaiting-approval"
        : sections.some((s) => s.result === undefined)
          ? "refused"
          : "applied";
  const footer = `\n\n${commentFooter(marker, { state, checksum: checksumsText(sections), sha })}`;
  const head = top.join("\n\n");
  const budget = COMMENT_MAX_CHARS - footer.length - head.length - 2;
  const body = `${[head, ...renderSections(sections, links, budget, "the job summary of this workflow run")].join("\n\n")}${footer}`;
  return (await postComment(github, issue, marker, body, ownLogin)) ?? "";
}

/** `sigma-changes`, `periscope-acme-rbac-destructive`...: the per-target outputs. */
function setTargetOutputs(sections: readonly ConfigSection[]): void {
  for (const s of sections) {
    const slug = s.key.replace(/[^A-Za-z0-9]+/g, "-");
    core.setOutput(`${slug}-has-changes`, String((s.plan?.counts.total ?? 0) > 0));
    core.setOutput(`${slug}-changes`, String(s.plan?.counts.total ?? 0));
    core.setOutput(`${slug}-destructive`, String(s.plan?.counts.destructive ?? 0));
    core.setOutput(`${slug}-failed`, String(s.result?.counts.failed ?? 0));
    core.setOutput(`${slug}-plan-checksum`, s.plan?.checksum ?? "");
  }
}

function failIfNeeded(sections: readonly ConfigSection[], mode: "plan" | "apply", branch: string | undefined): void {
  const problems: string[] = [];
  const awaiting: ConfigSection[] = [];
  for (const s of sections) {
    if (s.plan === undefined) problems.push(`${s.label}: ${s.error}`);
    else if (hasInputErrors(s.plan)) problems.push(`${s.label}: invalid for this vendor`);
    else if (s.plan.safety.unsafe) {
      const value = s.plan.safety.acknowledgementValue ?? s.plan.safety.destructive;
      problems.push(unsafeMessage(s.plan, "action", `allow-removals: ${s.key}=${value}`));
    } else if (s.refused === "checksum") awaiting.push(s);
    else if ((s.result?.counts.failed ?? 0) > 0) problems.push(`${s.label}: ${s.result?.counts.failed} changes failed`);
    else if (s.binding?.startsWith("⚠️"))
      core.warning(`${s.label}: applied without a matching review (\`reviewed-plan: report\`); see the job summary.`);
  }
  if (awaiting.length > 0) {
    const checksums = awaiting.map((s) => s.plan?.checksum ?? "");
    problems.push(
      `nothing was applied to ${awaiting.map((s) => s.label).join(", ")}: not the reviewed plan (see the job summary). To apply exactly ${awaiting.length === 1 ? "this plan" : "these plans"}, run this workflow manually on ${branch ?? "the default branch"} with the input \`approve-checksum: ${checksums.join(", ")}\` (${awaiting.map((s, i) => `${s.label}: ${checksums[i]}`).join("; ")})`,
    );
  }
  if (problems.length > 0) core.setFailed(`Roster ${mode}: ${problems.join("; ")}`);
}
