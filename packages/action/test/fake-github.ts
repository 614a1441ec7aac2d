import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A recording fake of the few GitHub REST endpoints the action calls (docs/plan-in-pr.md#running-the-bundle-in-tests):
 * GET /user, GET/POST /repos/:o/:r/issues/:n/comments, PATCH /repos/:o/:r/issues/comments/:id,
 * GET /repos/:o/:r/commits/:sha/pulls, GET /repos/:o/:r/contents/:path?ref=.
 */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly authorization: string | undefined;
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: string };
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: "open" | "closed";
}

export interface FakeGitHubOptions {
  /** Login of the token; undefined makes GET /user answer 403 like GITHUB_TOKEN. */
  readonly ownLogin?: string;
  /** Answer 403 to comment writes (a fork's read-only token). */
  readonly commentsForbidden?: boolean;
  /** Answer 403 to issue writes (a token without `issues: write`). */
  readonly issuesForbidden?: boolean;
}

export interface FakeGitHub {
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly comments: FakeComment[];
  readonly issues: FakeIssue[];
  /** `${ref}:${path}` → file text. */
  readonly files: Map<string, string>;
  /** commit sha → pull requests. */
  readonly pulls: Map<string, { number: number; merged_at: string | null }[]>;
  options: FakeGitHubOptions;
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
    html_url: `https://github.test/o/r/issues/${i.number}`,
  });
  let nextId = 1000;
  let url = "";
  const state = { options };

  const commentJson = (c: FakeComment) => ({
    id: c.id,
    body: c.body,
    html_url: `https://github.test/o/r/pull/${c.issue}#issuecomment-${c.id}`,
    user: c.user,
  });
  const author = () =>
    state.options.ownLogin === undefined
      ? { login: "github-actions[bot]", type: "Bot" }
      : { login: state.options.ownLogin, type: "User" };

  const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    response.writeHead(status, {
      "content-type": typeof body === "string" ? "text/plain" : "application/json",
      ...headers,
    });
    response.end(text);
  };
  const forbidden = { message: "Resource not accessible by integration", status: "403" };

  const server = createServer((request, response) => {
    void (async () => {
      const parsed = new URL(request.url ?? "/", "http://fake");
      const body = await readBody(request);
      const method = request.method ?? "GET";
      const path = parsed.pathname;
      requests.push({ method, path, query: parsed.searchParams, body, authorization: request.headers.authorization });
      const commentsMatch = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path);
      const commentMatch = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path);
      const pullsMatch = /^\/repos\/[^/]+\/[^/]+\/commits\/([^/]+)\/pulls$/.exec(path);
      const contentsMatch = /^\/repos\/[^/]+\/[^/]+\/contents\/(.+)$/.exec(path);

      if (method === "GET" && path === "/user") {
        if (state.options.ownLogin === undefined) return send(response, 403, forbidden);
        return send(response, 200, { login: state.options.ownLogin, type: "User" });
      }
      if (commentsMatch) {
        const issue = Number(commentsMatch[1]);
        if (method === "GET") {
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
          const comment: FakeComment = { id: nextId++, issue, body: (body as { body: string }).body, user: author() };
          comments.push(comment);
          return send(response, 201, commentJson(comment));
        }
      }
      if (commentMatch && method === "PATCH") {
        if (state.options.commentsForbidden) return send(response, 403, forbidden);
        const comment = comments.find((c) => c.id === Number(commentMatch[1]));
        if (comment === undefined) return send(response, 404, { message: "Not Found" });
        comment.body = (body as { body: string }).body;
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
    get options() {
      return state.options;
    },
    set options(value: FakeGitHubOptions) {
      state.options = value;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
