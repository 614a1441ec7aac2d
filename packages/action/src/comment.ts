import type { GitHubApi, IssueComment } from "./github.js";
import { httpStatusOf } from "./github.js";

/**
 * One sticky comment per vendor, CSV path and target (docs/plan-in-pr.md#sticky-comments): found
 * by its footer AND the token's own identity, updated in place, never duplicated, and not touched
 * at all when the body is unchanged (tfcmt `-patch`).
 *
 * What Roster trusts in a comment is its footer and nothing else: the last two lines, exactly as
 * `commentFooter` writes them, in a comment whose author is the token's own identity. Text above
 * the footer (users.csv cells, vendor messages) is escaped by @roster/core's renderer, so it can
 * never form a `<!--` line; a marker quoted anywhere else, or in another author's comment, is
 * ignored (README "Threat model"; test/review-chain.e2e.test.ts).
 */
export type CommentKind = "comment" | "result";

export interface CommentKey {
  readonly vendor: string;
  readonly csv: string;
  readonly target?: string | undefined;
}

/**
 * What a comment shows, so a later run knows what was reviewed:
 * - `plan`: a plan a reviewer can approve by merging (the only state read as "the reviewed plan");
 * - `invalid`: only an invalid-file report; `offline`: a file validated without the vendor;
 * - `awaiting-approval`: a plan refused at merge, waiting for `approve-checksum`;
 * - `applied` / `refused`: an apply report; `superseded`: replaced by per-target comments.
 */
export type CommentState = "plan" | "invalid" | "offline" | "awaiting-approval" | "applied" | "refused" | "superseded";

const STATES: readonly CommentState[] = [
  "plan",
  "invalid",
  "offline",
  "awaiting-approval",
  "applied",
  "refused",
  "superseded",
];

export interface CommentMeta {
  readonly state: CommentState;
  /** The plan's full sha256 (or `key=sha256;…` for several plans); empty when it shows no plan. */
  readonly checksum: string;
  /** The commit the plan was made at (the pull request's head, or the pushed commit). */
  readonly sha: string;
}

/** `<!-- roster:comment vendor=sigma csv=users.csv -->`; `roster:result` for apply reports. */
export function commentMarker(key: CommentKey, kind: CommentKind = "comment"): string {
  const target = key.target === undefined ? "" : ` target=${encodeValue(key.target)}`;
  return `<!-- roster:${kind} vendor=${encodeValue(key.vendor)} csv=${encodeValue(key.csv)}${target} -->`;
}

// Spaces and `--` would end the marker or the HTML comment early; `<`/`>` could start HTML.
function encodeValue(value: string): string {
  return value
    .replace(/%/g, "%25")
    .replace(/\s/g, "%20")
    .replace(/-->/g, "--%3E")
    .replace(/</g, "%3C")
    .replace(/>/g, "%3E");
}

export function metaComment(meta: CommentMeta): string {
  return `<!-- roster:meta ${JSON.stringify({ state: meta.state, checksum: meta.checksum, sha: meta.sha })} -->`;
}

/** The two lines that end every comment Roster writes: its marker, then its metadata. */
export function commentFooter(marker: string, meta: CommentMeta): string {
  return `${marker}\n${metaComment(meta)}`;
}

const MARKER_LINE = /^<!-- roster:(?:comment|result) vendor=\S+ csv=\S+(?: target=\S+)? -->$/;
const META_LINE = /^<!-- roster:meta (\{[^\n]*\}) -->$/;
// One plan's sha256, or (one comment for several plans, as with a roster.yml) `key=sha256` pairs
// joined by `;`; empty when the comment shows no plan.
const CHECKSUM = /^(?:[0-9a-f]{64}|[\w.:@/-]+=[0-9a-f]{64}(?:;[\w.:@/-]+=[0-9a-f]{64})*)?$/;
const SHA = /^[0-9A-Za-z]{0,64}$/;

export interface CommentFooter {
  readonly marker: string;
  readonly meta: CommentMeta;
}

/**
 * The footer of a comment: its last two lines, exactly as written by `commentFooter`, with
 * metadata of the expected shape. Anything else (metadata elsewhere in the body, extra fields, a
 * short checksum) is no footer at all.
 */
export function parseFooter(body: string): CommentFooter | undefined {
  const lines = body.replace(/\r\n/g, "\n").replace(/\n+$/, "").split("\n");
  const marker = lines.at(-2);
  const metaLine = lines.at(-1);
  if (marker === undefined || metaLine === undefined || !MARKER_LINE.test(marker)) return undefined;
  const json = META_LINE.exec(metaLine)?.[1];
  if (json === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const { state, checksum, sha, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return undefined;
  if (typeof state !== "string" || !(STATES as readonly string[]).includes(state)) return undefined;
  if (typeof checksum !== "string" || !CHECKSUM.test(checksum)) return undefined;
  if (typeof sha !== "string" || !SHA.test(sha)) return undefined;
  return { marker, meta: { state: state as CommentState, checksum, sha } };
}

/** How `renderOutdatedBanner` starts: a comment that begins so was marked out of date by a failed run. */
export const OUTDATED_BANNER_START = "> [!CAUTION]\n> **This plan is out of date";

/**
 * Written by the token's own identity (an exact login match, bots included), nobody else: the one
 * rule for Roster's comments and for its drift issue (drift-issue.ts).
 */
export function isOwnComment(comment: { readonly authorLogin: string | undefined }, ownLogin: string): boolean {
  return comment.authorLogin === ownLogin;
}

/**
 * Our latest comment with this marker in its footer: normally the only one; after an edit was
 * refused and a new comment posted instead, the newer one is the current report.
 */
export function findOwnComment(
  comments: readonly IssueComment[],
  marker: string,
  ownLogin: string,
): IssueComment | undefined {
  return comments.findLast((c) => isOwnComment(c, ownLogin) && parseFooter(c.body)?.marker === marker);
}

export type UpsertOutcome = "created" | "updated" | "unchanged" | "replaced";

export interface UpsertResult {
  readonly outcome: UpsertOutcome;
  readonly url: string;
}

/** The new body, given the comment it replaces (undefined when there is none). */
export type BodyFor = (existing: IssueComment | undefined) => string;

/**
 * Creates the marked comment or updates ours in place; no write when the body is unchanged. When
 * our comment cannot be edited (GitHub refuses the edit: deleted meanwhile, locked, hidden), a new
 * one is posted, so the current report is never missing.
 */
export async function upsertComment(
  api: GitHubApi,
  issueNumber: number,
  marker: string,
  body: string | BodyFor,
  ownLogin: string,
): Promise<UpsertResult> {
  const existing = findOwnComment(await api.listComments(issueNumber), marker, ownLogin);
  const text = typeof body === "string" ? body : body(existing);
  if (existing === undefined) {
    const created = await api.createComment(issueNumber, text);
    return { outcome: "created", url: created.url };
  }
  if (existing.body === text) return { outcome: "unchanged", url: existing.url };
  try {
    const updated = await api.updateComment(existing.id, text);
    return { outcome: "updated", url: updated.url };
  } catch (error) {
    const status = httpStatusOf(error);
    if (status !== 403 && status !== 404 && status !== 410 && status !== 422) throw error;
    const created = await api.createComment(issueNumber, typeof body === "string" ? body : body(undefined));
    return { outcome: "replaced", url: created.url };
  }
}
