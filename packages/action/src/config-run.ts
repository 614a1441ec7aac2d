import { resolve, sep } from "node:path";
import * as core from "@actions/core";
import {
  type ApplyForVendorOutput,
  applyConfigTarget,
  type ConfigTarget,
  createConfigTargets,
  type DesiredState,
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
  readConfigUsers,
  shownValue,
  targetLabel,
  unsafeMessage,
  VENDOR_IDS,
} from "@roster/core";
import { annotateDiagnostics } from "./annotations.js";
import { type CommentMeta, commentFooter, commentMarker, findOwnComment, parseFooter } from "./comment.js";
import { type ConfigSection, checksumsText, parseChecksums, renderSections } from "./config-sections.js";
import { readRunFacts } from "./context.js";
import { createDriftIssueApi, syncDriftIssue } from "./drift-issue.js";
import { createGitHubApi, type GitHubApi } from "./github.js";
import { type ActionInputs, InputError, parseInputs } from "./inputs.js";
import { resolveMode } from "./mode.js";
import { validateOffline } from "./offline.js";
import { setOutputs, summariseOutputs } from "./outputs.js";
import { COMMENT_MAX_CHARS, ownIdentity, postComment, warnGitHubFailure } from "./report.js";
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
  // Secrets from the environment are masked like the secret inputs: a vendor may echo one.
  for (const id of VENDOR_IDS) {
    for (const name of getVendorModule(id).secretSettings) {
      const value = settings[name];
      if (value === undefined) continue;
      core.setSecret(value);
      for (const part of value.split(",")) if (part.trim() !== "") core.setSecret(part.trim());
    }
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

export async function runConfigAction(config: string): Promise<void> {
  const inputs = parseInputs();
  const facts = readRunFacts();
  const resolved = resolveMode(inputs.mode, facts);
  if (resolved.warning !== undefined) core.warning(resolved.warning);
  refusePolicyInputs(config);
  // The merge check (apply only the plan reviewed on the pull request, README "Threat model") is
  // not built for config runs yet: with the default `require` such a run refuses to apply rather
  // than apply a plan nobody reviewed. `report` applies and says whether each target's plan is the
  // one shown on the pull request.
  if (resolved.mode === "apply" && inputs.reviewedPlan === "require") {
    throw new InputError(
      "reviewed-plan",
      `with a config (${config}), Roster cannot yet hold a merge to the plan reviewed on the pull request, so it applies nothing under \`reviewed-plan: require\` (the default). Set \`reviewed-plan: report\` to apply and report, for each vendor and site, whether the applied plan is the one reviewed.`,
    );
  }
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
  const run = await prepareConfigRun({ path: configPath, displayName: config, displayRoot: workspace });
  const outside = run.files.find((file) => !inside(resolve(file.path)));
  if (outside !== undefined) {
    throw new InputError(
      "config",
      `${config} names a users file outside the repository (${shownValue(outside.name)}).`,
    );
  }
  const users = await readConfigUsers(run);
  const github = createGitHubApi(inputs.githubToken, facts.repo);
  const combined: DesiredState | undefined = users.byTarget.values().next().value;
  // The offline report takes the place of the config's one comment (same marker: vendor=all, csv=config).
  const offlineInputs = { ...inputs, vendor: "all", csv: config };
  const offline = (reason: string | undefined) =>
    validateOffline({
      inputs: offlineInputs,
      facts,
      desired: combined ?? {
        file: config,
        users: [],
        headerLine: 0,
        columns: {},
        attributeColumns: {},
        groupsNamed: [],
        diagnostics: users.diagnostics,
      },
      github,
      mode: resolved.mode,
      reason,
      targets: [undefined],
    }).then(() => undefined);
  if (facts.pullRequest?.fromFork === true) {
    return offline("this pull request comes from a fork, and GitHub gives fork pull requests no secrets");
  }
  if (hasErrors(users.diagnostics)) return offline(undefined);

  let targets: ConfigTarget[];
  try {
    targets = await createConfigTargets(run, settings, { mode: resolved.mode, logger });
  } catch (error) {
    if (facts.pullRequest !== undefined && isCoreError(error) && error.code === "CONFIG_MISSING") {
      return offline(`credentials are not available to this run (${describe(error)})`);
    }
    throw error;
  }
  const acknowledged = parseAllowRemovalsFor(core.getInput("allow-removals"), targets.map(keyOf));
  targets = targets.map((t) => {
    const n = acknowledged.get(keyOf(t));
    return n === undefined ? t : { ...t, policy: { ...t.policy, allowRemovals: n } };
  });

  const context = { logger };
  let sections: ConfigSection[];
  try {
    const settled = await Promise.allSettled(
      targets.map(async (target): Promise<ConfigSection> => {
        const base = { key: keyOf(target), label: labelOf(target) };
        if (resolved.mode === "plan") {
          const { plan } = await planConfigTarget({ users, target, context, serverCheck: inputs.serverCheck });
          return { ...base, plan };
        }
        const out: ApplyForVendorOutput = await applyConfigTarget({
          users,
          target,
          context,
          serverCheck: inputs.serverCheck,
          stopOnError: inputs.stopOnError,
        });
        return {
          ...base,
          plan: out.plan,
          ...(out.result === undefined ? {} : { result: out.result }),
          ...(out.refused === undefined ? {} : { refused: out.refused }),
        };
      }),
    );
    sections = settled.map((result, i) => {
      const target = targets[i] as ConfigTarget;
      return result.status === "fulfilled"
        ? result.value
        : { key: keyOf(target), label: labelOf(target), error: describe(result.reason) };
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

  const sha = facts.pullRequest?.headSha ?? facts.sha;
  const links = {
    blobBase: `${facts.serverUrl}/${facts.repository}/blob/${sha}`,
    defaultFile: users.files[0] ?? "users.csv",
  };
  const heading = `## Roster · ${config} · ${users.files.join(", ")}`;
  let commentUrl = "";
  // The token's exact identity; when it cannot be read, Roster writes no comment and trusts none.
  const ownLogin = facts.pullRequest !== undefined || resolved.mode === "apply" ? await ownIdentity(github) : undefined;

  if (resolved.mode === "plan" && facts.pullRequest !== undefined && inputs.comment && ownLogin !== undefined) {
    commentUrl = await postConfigComment(
      github,
      facts.pullRequest.number,
      "comment",
      heading,
      sections,
      links,
      sha,
      config,
      ownLogin,
    );
  } else if (resolved.mode === "apply" && ownLogin !== undefined) {
    for (const pull of await mergedPulls(github, facts.sha)) {
      const reviewed = await readReviewed(
        github,
        pull,
        commentMarker({ vendor: "all", csv: config }, "comment"),
        ownLogin,
      ).catch((error: unknown) => {
        warnGitHubFailure(`read the comments of #${pull}`, error, "pull-requests: read");
        return undefined;
      });
      const shown = parseChecksums(reviewed?.checksum ?? "");
      const bound = sections.map((s) => ({
        ...s,
        ...(s.plan === undefined
          ? {}
          : { binding: binding(pull, s.plan.checksum, shown.get(s.key), reviewed !== undefined) }),
      }));
      if (inputs.comment)
        commentUrl = await postConfigComment(
          github,
          pull,
          "result",
          heading,
          bound,
          links,
          facts.sha,
          config,
          ownLogin,
        );
    }
  }

  const full = renderSections(sections, links, 900_000);
  await writeSummary([heading, ...full]);
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
    await syncDriftIssue(createDriftIssueApi(inputs.githubToken, facts.repo), {
      config,
      changes,
      body,
      runUrl: `${facts.serverUrl}/${facts.repository}/actions/runs/${process.env.GITHUB_RUN_ID ?? ""}`,
    });
  }
  failIfNeeded(sections, resolved.mode);
}

async function postConfigComment(
  github: GitHubApi,
  issue: number,
  kind: "comment" | "result",
  heading: string,
  sections: readonly ConfigSection[],
  links: { blobBase: string; defaultFile: string },
  sha: string,
  config: string,
  ownLogin: string,
): Promise<string> {
  const marker = commentMarker({ vendor: "all", csv: config }, kind);
  const state = kind === "comment" ? "plan" : sections.some((s) => s.result === undefined) ? "refused" : "applied";
  const footer = `\n\n${commentFooter(marker, { state, checksum: checksumsText(sections), sha })}`;
  const budget = COMMENT_MAX_CHARS - footer.length - heading.length - 2;
  const body = `${[heading, ...renderSections(sections, links, budget, "the job summary of this workflow run")].join("\n\n")}${footer}`;
  return (await postComment(github, issue, marker, body, ownLogin)) ?? "";
}

function binding(pull: number, applied: string, shown: string | undefined, found: boolean): string {
  const short = (checksum: string) => `\`${checksum.slice(0, 12)}\``;
  if (!found || shown === undefined) return `ℹ️ No reviewed plan for this target was found on #${pull}.`;
  if (shown === applied) return `✅ Applied exactly the plan reviewed on #${pull} (checksum ${short(applied)}).`;
  return `⚠️ The applied plan (${short(applied)}) differs from the plan last shown on #${pull} (${short(shown)}).`;
}

async function mergedPulls(github: GitHubApi, sha: string): Promise<number[]> {
  try {
    const pulls = await github.listPullRequestsForCommit(sha);
    const merged = pulls.filter((p) => p.merged);
    return (merged.length > 0 ? merged : pulls).map((p) => p.number);
  } catch (error) {
    warnGitHubFailure(`find the pull request of ${sha.slice(0, 7)}`, error, "pull-requests: read");
    return [];
  }
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

function failIfNeeded(sections: readonly ConfigSection[], mode: "plan" | "apply"): void {
  const problems: string[] = [];
  for (const s of sections) {
    if (s.plan === undefined) problems.push(`${s.label}: ${s.error}`);
    else if (hasInputErrors(s.plan)) problems.push(`${s.label}: invalid for this vendor`);
    else if (s.plan.safety.unsafe) {
      const value = s.plan.safety.acknowledgementValue ?? s.plan.safety.destructive;
      problems.push(unsafeMessage(s.plan, "action", `allow-removals: ${s.key}=${value}`));
    } else if ((s.result?.counts.failed ?? 0) > 0)
      problems.push(`${s.label}: ${s.result?.counts.failed} changes failed`);
  }
  if (problems.length > 0) core.setFailed(`Roster ${mode}: ${problems.join("; ")}`);
}

/** The metadata of our marked comment on a pull request (the reviewed plan's checksums), if any. */
async function readReviewed(
  github: GitHubApi,
  pull: number,
  marker: string,
  ownLogin: string,
): Promise<CommentMeta | undefined> {
  const existing = findOwnComment(await github.listComments(pull), marker, ownLogin);
  return existing === undefined ? undefined : parseFooter(existing.body)?.meta;
}
