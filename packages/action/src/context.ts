import { context } from "@actions/github";
import type { RepoRef } from "./github.js";

/**
 * What the run needs from the workflow event, read once from @actions/github's `context`
 * (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_REF...).
 */
export interface PullRequestFacts {
  readonly number: number;
  readonly headSha: string;
  readonly baseSha: string;
  /** `head.repo.full_name` differs from the repository: a fork, which gets no secrets. */
  readonly fromFork: boolean;
  /** A closed (or merged) pull request: its plan comment is what was reviewed and stays as it is. */
  readonly closed: boolean;
}

export interface RunFacts {
  readonly eventName: string;
  readonly ref: string;
  readonly sha: string;
  readonly repo: RepoRef;
  readonly repository: string;
  readonly defaultBranch: string | undefined;
  readonly pullRequest: PullRequestFacts | undefined;
  readonly serverUrl: string;
  readonly workspace: string;
  /** This workflow run's page, for reports that point at it; undefined outside a runner. */
  readonly runUrl: string | undefined;
}

interface PullRequestPayload {
  number?: number;
  head?: { sha?: string; repo?: { full_name?: string } | null };
  base?: { sha?: string };
  state?: string;
}

function readPullRequest(repository: string): PullRequestFacts | undefined {
  const pr = context.payload.pull_request as PullRequestPayload | undefined;
  if (pr === undefined || typeof pr.number !== "number") return undefined;
  // A deleted fork leaves `head.repo` null: treat it as a fork, it has no secrets either.
  const headRepo = pr.head?.repo?.full_name;
  return {
    number: pr.number,
    headSha: pr.head?.sha ?? context.sha,
    baseSha: pr.base?.sha ?? "",
    fromFork: headRepo === undefined || headRepo.toLowerCase() !== repository.toLowerCase(),
    closed: pr.state === "closed",
  };
}

export function readRunFacts(): RunFacts {
  const repository = process.env.GITHUB_REPOSITORY ?? `${context.repo.owner}/${context.repo.repo}`;
  const serverUrl = context.serverUrl.replace(/\/+$/, "");
  const repositoryPayload = context.payload.repository as { default_branch?: unknown } | undefined;
  const defaultBranch =
    typeof repositoryPayload?.default_branch === "string" ? repositoryPayload.default_branch : undefined;
  return {
    eventName: context.eventName,
    ref: context.ref,
    sha: context.sha,
    repo: context.repo,
    repository,
    defaultBranch,
    pullRequest: readPullRequest(repository),
    serverUrl,
    workspace: process.env.GITHUB_WORKSPACE ?? process.cwd(),
    runUrl: runUrlOf(serverUrl, repository, process.env.GITHUB_RUN_ID),
  };
}

function runUrlOf(serverUrl: string, repository: string, runId: string | undefined): string | undefined {
  return runId !== undefined && /^\d+$/.test(runId) ? `${serverUrl}/${repository}/actions/runs/${runId}` : undefined;
}
