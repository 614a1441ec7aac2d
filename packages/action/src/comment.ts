import type { GitHubApi, IssueComment } from "./github.js";

/**
 * One sticky comment per vendor, CSV path and target (docs/plan-in-pr.md#sticky-comments): found
 * by a hidden marker AND the token's own identity, updated in place, never duplicated, and not
 * touched at all when the body is unchanged (tfcmt `-patch`).
 */
export type CommentKind = "comment" | "result";

export interface CommentKey {
  readonly vendor: string;
  readonly csv: string;
  readonly target?: string | undefined;
}

export interface CommentMeta {
  readonly checksum: string;
  readonly sha: string;
}

/** `<!-- roster:comment vendor=sigma csv=users.csv -->`; `roster:result` for apply reports. */
export function commentMarker(key: CommentKey, kind: CommentKind = "comment"): string {
  const target = key.target === undefined ? "" : ` target=${encodeValue(key.target)}`;
  return `<!-- roster:${kind} vendor=${encodeValue(key.vendor)} csv=${encodeValue(key.csv)}${target} -->`;
}

// Spaces and `--` would end the marker or the HTML comment early.
function encodeValue(value: string): string {
  return value.replace(/%/g, "%25").replace(/\s/g, "%20").replace(/-->/g, "--%3E");
}

export function metaComment(meta: CommentMeta): string {
  return `<!-- roster:meta ${JSON.stringify(meta)} -->`;
}

/** The metadata a Roster comment carries, or undefined when it has none or it is unreadable. */
export function parseMeta(body: string): CommentMeta | undefined {
  const match = /<!-- roster:meta (\{.*?\}) -->/.exec(body);
  if (!match?.[1]) return undefined;
  try {
    const value: unknown = JSON.parse(match[1]);
    if (typeof value !== "object" || value === null) return undefined;
    const { checksum, sha } = value as Record<string, unknown>;
    if (typeof checksum !== "string") return undefined;
    return { checksum, sha: typeof sha === "string" ? sha : "" };
  } catch {
    return undefined;
  }
}

/** Login GitHub shows for comments made with the workflow's GITHUB_TOKEN. */
export const ACTIONS_BOT_LOGIN = "github-actions[bot]";

/**
 * Whether the comment was written by us. With a PAT we know our login (GET /user); GITHUB_TOKEN
 * cannot read /user, so any bot author is accepted then: the marker still has to match.
 */
export function isOwnComment(comment: IssueComment, ownLogin: string | undefined): boolean {
  if (ownLogin !== undefined) return comment.authorLogin === ownLogin;
  return comment.authorLogin === ACTIONS_BOT_LOGIN || comment.authorType === "Bot";
}

export function findOwnComment(
  comments: readonly IssueComment[],
  marker: string,
  ownLogin: string | undefined,
): IssueComment | undefined {
  // The oldest match is the sticky one: it keeps its place in the conversation.
  return comments.find((c) => c.body.includes(marker) && isOwnComment(c, ownLogin));
}

export type UpsertOutcome = "created" | "updated" | "unchanged";

export interface UpsertResult {
  readonly outcome: UpsertOutcome;
  readonly url: string;
}

/** Creates the marked comment or updates ours in place; no write when the body is unchanged. */
export async function upsertComment(
  api: GitHubApi,
  issueNumber: number,
  marker: string,
  body: string,
  ownLogin: string | undefined,
): Promise<UpsertResult> {
  const existing = findOwnComment(await api.listComments(issueNumber), marker, ownLogin);
  if (existing === undefined) {
    const created = await api.createComment(issueNumber, body);
    return { outcome: "created", url: created.url };
  }
  if (existing.body === body) return { outcome: "unchanged", url: existing.url };
  const updated = await api.updateComment(existing.id, body);
  return { outcome: "updated", url: updated.url };
}

/** Reads the metadata of our marked comment on an issue, if there is one. */
export async function readOwnCommentMeta(
  api: GitHubApi,
  issueNumber: number,
  marker: string,
  ownLogin: string | undefined,
): Promise<CommentMeta | undefined> {
  const existing = findOwnComment(await api.listComments(issueNumber), marker, ownLogin);
  return existing === undefined ? undefined : parseMeta(existing.body);
}
