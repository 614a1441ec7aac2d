import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A recording fake of the few GitHub endpoints the action calls (docs/plan-in-pr.md#running-the-bundle-in-tests):
 * POST /graphql (`viewer { login }` only), GET /user, GET/POST /repos/:o/:r/issues/:n/comments,
 * PATCH /repos/:o/:r/issues/comments/:id, GET /repos/:o/:r/commits/:sha/pulls,
 * GET /repos/:o/:r/contents/:path?ref=, GET /repos/:o/:r/git/ref/heads/:branch. Comments keep their
 * author, so tests can hold comments by people and other bots next to the token's own.
 *
 * Faults (`addFault`) hit any of them, matched by method and path, the way GitHub fails: a 502, a
 * 429 or a 403 for the secondary rate limit with `retry-after`, a 403 for the primary limit, a 403
 * for a missing permission, or a connection dropped before or after the request was handled.
 */
export type GitHubFaultKind =
  | "bad-gateway"
  | "too-many-requests"
  | "secondary-rate-limit"
  | "primary-rate-limit"
  | "forbidden"
  | "drop-before"
  | "drop-after";

export interface GitHubFault {
  readonly kind: GitHubFaultKind;
  readonly method?: string;
  /** Matches the request path; omitted = every route. */
  readonly path?: RegExp;
  /** How many matching requests it hits; default 1, Infinity = until cleared. */
  readonly count?: number;
  /** Seconds in `retry-after` (rate limits); default 1. */
  readonly retryAfter?: number;
}
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly authorization: string | undefined;
  /** The fault that answered this request instead of the route, if one did. */
  readonly fault?: GitHubFaultKind;
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: string };
  /** Set from `clock` when the fake creates or edits the comment; absent for seeded ones. */
  updated_at?: string;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: "open" | "closed";
  /** Who opened it: the token's identity for issues the fake creates. */
  user: { login: string; type: string };
}

export interface FakeGitHubOptions {
  /**
   * Login of the token (GraphQL `viewer`, and the author of the comments it writes); undefined is
   * the workflow's GITHUB_TOKEN: `github-actions[bot]`, and GET /user answers 403.
   */
  readonly ownLogin?: string;
  /** Status GraphQL answers instead of the viewer (403: a token refused even `viewer`). */
  readonly graphqlStatus?: number;
  /** Answer 403 to comment writes (a fork's read-only token). */
  readonly commentsForbidden?: boolean;
  /** Answer 403 to issue writes (a token without `issues: write`). */
  readonly issuesForbidden?: boolean;
  /** Comment ids whose edit GitHub refuses (403), like a comment in a locked conversation. */
  readonly uneditable?: readonly number[];
  /** Status the comment list answers instead of the comments. */
  readonly listCommentsStatus?: number;
}

/** Login GitHub shows for the workflow token's comments. */
export const ACTIONS_BOT = { login: "github-actions[bot]", type: "Bot" } as const;

export interface FakeGitHub {
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly comments: FakeComment[];
  readonly issues: FakeIssue[];
  /** `${ref}:${path}` → file text. */
  readonly files: Map<string, string>;
  /** commit sha → pull requests. */
  readonly pulls: Map<string, { number: number; merged_at: string | null }[]>;
  /** branch → the commit sha it points at; a branch not here answers 404. */
  readonly heads: Map<string, string>;
  options: FakeGitHubOptions;
  addFault(fault: GitHubFault): void;
  clearFaults(): void;
  /**
   * The time the fake stamps on comments it creates or edits (`updated_at`). It starts well before
   * the `merged_at` the tests give, so comments count as made before the merge unless a test moves it.
   */
  clock: string;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const PAGE_SIZE_MAX = 100;

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? undefined : JSON.parse(text);
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const requests: RecordedRequest[] = [];
  const comments: FakeComment[] = [];
  const files = new Map<string, string>();
  const pulls = new Map<string, { number: number; merged_at: string | null }[]>();
  const issues: FakeIssue[] = [];
  const issueJson = (i: FakeIssue) => ({
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    labels: i.labels.map((name) => ({ name })),
    user: i.user,
    html_url: `https://github.test/o/r/issues/${i.number}`,
  });
  const heads = new Map<string, string>();
  let nextId = 1000;
  let url = "";
  const state = { options, clock: "2026-11-01T00:00:00Z" };

  const commentJson = (c: FakeComment) => ({
    id: c.id,
    body: c.body,
    html_url: `https://github.test/o/r/pull/${c.issue}#issuecomment-${c.id}`,
    user: c.user,
    ...(c.updated_at === undefined ? {} : { updated_at: c.updated_at }),
  });
  const author = () => {
    const login = state.options.ownLogin;
    if (login === undefined) return { ...ACTIONS_BOT };
    return { login, type: login.endsWith("[bot]") ? "Bot" : "User" };
  };

  const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    response.writeHead(status, {
      "content-type": typeof body === "string" ? "text/plain" : "application/json",
      ...headers,
    });
    response.end(text);
  };
  const forbidden = { message: "Resource not accessible by integration", status: "403" };
  const faults: { fault: GitHubFault; left: number }[] = [];
  const takeFault = (method: string, path: string): GitHubFault | undefined => {
    const hit = faults.find(
      (f) => f.left > 0 && (f.fault.method ?? method) === method && (f.fault.path?.test(path) ?? true),
    );
    if (hit !== undefined) hit.left -= 1;
    return hit?.fault;
  };
  /** Answers as GitHub does (docs: rate limits for the REST API); true when the route must not run. */
  const answerFault = (fault: GitHubFault, response: ServerResponse): boolean => {
    const wait = String(fault.retryAfter ?? 1);
    const secondary = {
      message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
      documentation_url:
        "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
    };
    switch (fault.kind) {
      case "bad-gateway":
        send(response, 502, "<html><body><h1>502 Bad Gateway</h1></body></html>");
        return true;
      case "too-many-requests":
        send(response, 429, secondary, { "retry-after": wait });
        return true;
      case "secondary-rate-limit":
        send(response, 403, secondary, { "retry-after": wait });
        return true;
      case "primary-rate-limit":
        send(
          response,
          403,
          { message: "API rate limit exceeded for installation ID 1." },
          {
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + Number(wait)),
          },
        );
        return true;
      case "forbidden":
        send(response, 403, forbidden);
        return true;
      case "drop-before":
        response.socket?.destroy();
        return true;
      case "drop-after":
        return false;
    }
  };

  const server = createServer((request, response) => {
    void (async () => {
      const parsed = new URL(request.url ?? "/", "http://fake");
      const body = await readBody(request);
      const method = request.method ?? "GET";
      const path = parsed.pathname;
      const fault = takeFault(method, path);
      requests.push({
        method,
        path,
        query: parsed.searchParams,
        body,
        authorization: request.headers.authorization,
        ...(fault === undefined ? {} : { fault: fault.kind }),
      });
      if (fault !== undefined && answerFault(fault, response)) return;
      if (fault?.kind === "drop-after") {
        // The route runs (a comment is created), then the answer is lost: GitHub acted, the client cannot know.
        response.end = (() => {
          response.socket?.destroy();
          return response;
        }) as typeof response.end;
      }
      const commentsMatch = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path);
      const commentMatch = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path);
      const pullsMatch = /^\/repos\/[^/]+\/[^/]+\/commits\/([^/]+)\/pulls$/.exec(path);
      const contentsMatch = /^\/repos\/[^/]+\/[^/]+\/contents\/(.+)$/.exec(path);
      // Octokit sends the ref with its slash encoded (`heads%2Fmain`), as GitHub accepts it.
      const refMatch = /^\/repos\/([^/]+)\/([^/]+)\/git\/ref\/(.+)$/.exec(path);

      if (method === "POST" && path === "/graphql") {
        const query = (body as { query?: string } | undefined)?.query ?? "";
        if (state.options.graphqlStatus !== undefined) return send(response, state.options.graphqlStatus, forbidden);
        if (!/viewer\s*\{\s*login\s*\}/.test(query))
          return send(response, 200, { errors: [{ message: "unsupported" }] });
        return send(response, 200, { data: { viewer: { login: author().login } } });
      }
      if (method === "GET" && path === "/user") {
        if (state.options.ownLogin === undefined) return send(response, 403, forbidden);
        return send(response, 200, { login: state.options.ownLogin, type: "User" });
      }
      if (commentsMatch) {
        const issue = Number(commentsMatch[1]);
        if (method === "GET") {
          if (state.options.listCommentsStatus !== undefined) {
            return send(response, state.options.listCommentsStatus, { message: "Server Error" });
          }
          const perPage = Math.min(Number(parsed.searchParams.get("per_page") ?? 30), PAGE_SIZE_MAX);
          const page = Number(parsed.searchParams.get("page") ?? 1);
          const all = comments.filter((c) => c.issue === issue);
          const slice = all.slice((page - 1) * perPage, page * perPage);
          const headers: Record<string, string> = {};
          if (page * perPage < all.length) {
            headers.link = `<${url}${path}?per_page=${perPage}&page=${page + 1}>; rel="next"`;
          }
          return send(response, 200, slice.map(commentJson), headers);
        }
        if (method === "POST") {
          if (state.options.commentsForbidden) return send(response, 403, forbidden);
          const comment: FakeComment = {
            id: nextId++,
            issue,
            body: (body as { body: string }).body,
            user: author(),
            updated_at: state.clock,
          };
          comments.push(comment);
          return send(response, 201, commentJson(comment));
        }
      }
      if (commentMatch && method === "PATCH") {
        if (state.options.commentsForbidden) return send(response, 403, forbidden);
        const comment = comments.find((c) => c.id === Number(commentMatch[1]));
        if (comment === undefined) return send(response, 404, { message: "Not Found" });
        if (state.options.uneditable?.includes(comment.id)) return send(response, 403, forbidden);
        comment.body = (body as { body: string }).body;
        comment.updated_at = state.clock;
        return send(response, 200, commentJson(comment));
      }
      // Issues (the drift issue of a roster.yml run): list by label and state, create, update.
      const issuesMatch = /^\/repos\/[^/]+\/[^/]+\/issues$/.exec(path);
      const issueMatch = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/.exec(path);
      if (issuesMatch && method === "GET") {
        const label = parsed.searchParams.get("labels");
        const wanted = parsed.searchParams.get("state") ?? "open";
        const list = issues.filter(
          (i) => (wanted === "all" || i.state === wanted) && (label === null || i.labels.includes(label)),
        );
        return send(response, 200, list.map(issueJson));
      }
      if (issuesMatch && method === "POST") {
        if (state.options.issuesForbidden) return send(response, 403, forbidden);
        const input = body as { title: string; body: string; labels?: string[] };
        const issue: FakeIssue = {
          number: nextId++,
          title: input.title,
          body: input.body,
          labels: input.labels ?? [],
          state: "open",
          user: author(),
        };
        issues.push(issue);
        return send(response, 201, issueJson(issue));
      }
      if (issueMatch && method === "PATCH") {
        if (state.options.issuesForbidden) return send(response, 403, forbidden);
        const issue = issues.find((i) => i.number === Number(issueMatch[1]));
        if (issue === undefined) return send(response, 404, { message: "Not Found" });
        const input = body as { title?: string; body?: string; state?: "open" | "closed" };
        if (input.title !== undefined) issue.title = input.title;
        if (input.body !== undefined) issue.body = input.body;
        if (input.state !== undefined) issue.state = input.state;
        return send(response, 200, issueJson(issue));
      }
      if (pullsMatch && method === "GET") {
        const list = pulls.get(decodeURIComponent(pullsMatch[1] ?? "")) ?? [];
        return send(response, 200, list);
      }
      if (contentsMatch && method === "GET") {
        const file = decodeURIComponent(contentsMatch[1] ?? "");
        const text = files.get(`${parsed.searchParams.get("ref") ?? ""}:${file}`);
        if (text === undefined) return send(response, 404, { message: "Not Found" });
        if ((request.headers.accept ?? "").includes("raw")) return send(response, 200, text);
        return send(response, 200, { type: "file", encoding: "base64", content: Buffer.from(text).toString("base64") });
      }
      if (refMatch && method === "GET") {
        const ref = decodeURIComponent(refMatch[3] ?? "");
        const branch = ref.replace(/^heads\//, "");
        const sha = ref.startsWith("heads/") ? heads.get(branch) : undefined;
        if (sha === undefined) return send(response, 404, { message: "Not Found" });
        return send(response, 200, {
          ref: `refs/heads/${branch}`,
          node_id: "REF_fake",
          url: `${url}${path}`,
          object: { type: "commit", sha, url: `${url}/repos/${refMatch[1]}/${refMatch[2]}/git/commits/${sha}` },
        });
      }
      return send(response, 404, { message: "Not Found" });
    })().catch((error: unknown) => send(response, 500, { message: String(error) }));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  return {
    url,
    requests,
    comments,
    issues,
    files,
    pulls,
    heads,
    get options() {
      return state.options;
    },
    set options(value: FakeGitHubOptions) {
      state.options = value;
    },
    addFault(fault) {
      faults.push({ fault, left: fault.count ?? 1 });
    },
    clearFaults() {
      faults.length = 0;
    },
    get clock() {
      return state.clock;
    },
    set clock(value: string) {
      state.clock = value;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
