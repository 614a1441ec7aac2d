import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve, sep } from "node:path";
import {
  type ChangeOrigin,
  classifyChanges,
  type Directory,
  desiredFor,
  hasErrors,
  type Plan,
  planChanges,
  prepareConfigRun,
  readConfigUsers,
  type Vendor,
  type VendorId,
} from "@roster/core";
import type { GitHubApi } from "./github.js";
import { warnGitHubFailure } from "./report.js";

/** One planned target of a roster.yml pull request run, with the directory its plan was made from. */
export interface PlannedTarget {
  /** `sigma`, `periscope.acme-rbac`. */
  readonly key: string;
  readonly id: VendorId;
  readonly site: string | undefined;
  readonly vendor: Vendor;
  readonly directory: Directory;
  readonly plan: Plan;
}

/**
 * For a roster.yml pull request: which changes of each target the pull request introduces and
 * which were already pending before it (drift made in a vendor's UI, or an earlier merge not yet
 * applied), as the single-vendor comment does (targets.ts `classifyAgainstBase`, README "Pull
 * requests"). The base commit's roster.yml and users files are fetched from GitHub into a
 * temporary directory, read as a config run there, and planned against the directory each target
 * has just read, with the base's own mapping and policy; a change the base plan also has is
 * pending.
 *
 * The users files fetched are those the pull request's roster.yml names; one the base had that
 * the pull request deleted is not read. No base roster.yml, an invalid base, or a vendor the base
 * did not manage: everything is introduced. GitHub not answering: no origins at all (a warning),
 * never a guess.
 */
export async function classifyConfigAgainstBase(
  github: GitHubApi,
  config: string,
  files: readonly string[],
  baseSha: string,
  targets: readonly PlannedTarget[],
): Promise<Map<string, readonly ChangeOrigin[]>> {
  const origins = new Map<string, readonly ChangeOrigin[]>();
  const everythingIntroduced = () => {
    for (const t of targets) origins.set(t.key, classifyChanges(t.plan, undefined));
    return origins;
  };
  const root = await mkdtemp(join(tmpdir(), "roster-base-"));
  try {
    let configText: string | null;
    const fetched = new Map<string, string>();
    try {
      configText = await github.getFileText(config, baseSha);
      if (configText === null) return everythingIntroduced();
      for (const file of files) {
        const text = await github.getFileText(file, baseSha);
        if (text !== null) fetched.set(file, text);
      }
    } catch (error) {
      warnGitHubFailure(`read ${config} and its users files on the base branch`, error, "contents: read");
      return origins;
    }
    // Paths are the repository-relative names the run already checked are inside the workspace.
    for (const [path, text] of [[config, configText] as const, ...fetched]) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    }
    let base: Awaited<ReturnType<typeof readConfigUsers>>;
    let run: Awaited<ReturnType<typeof prepareConfigRun>>;
    try {
      run = await prepareConfigRun({ path: join(root, config), displayName: config, displayRoot: root });
      // Only what was fetched: a base roster.yml naming files elsewhere reads nothing of the runner's.
      if (run.files.some((file) => !resolve(file.path).startsWith(`${resolve(root)}${sep}`))) {
        return everythingIntroduced();
      }
      base = await readConfigUsers(run);
    } catch {
      // An invalid base config (or one naming files the pull request removed) has no plan of its own.
      return everythingIntroduced();
    }
    if (hasErrors(base.diagnostics)) return everythingIntroduced();
    for (const t of targets) {
      const vendorConfig = run.vendors.find((v) => v.id === t.id);
      const desired = vendorConfig === undefined ? undefined : desiredFor(base, t.id, t.site);
      if (vendorConfig === undefined || desired === undefined) {
        origins.set(t.key, classifyChanges(t.plan, undefined));
        continue;
      }
      const basePlan = planChanges({
        desired,
        directory: t.directory,
        policy: vendorConfig.policy,
        vendor: t.vendor,
      });
      origins.set(t.key, classifyChanges(withoutFiles(t.plan), basePlan));
    }
    return origins;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/**
 * The pull request's plan names each change's users file (several files read as one); the base
 * plan does not. A change is the same change whichever file its row is in, as it is whatever its
 * line (`classifyChanges`).
 */
function withoutFiles(plan: Plan): Plan {
  return { ...plan, changes: plan.changes.map(({ file: _file, ...change }) => change) };
}
