import { request } from "undici";
import { describe, expect, it } from "vitest";
import { createIdGenerator } from "./ids.js";
import { paginateOffset } from "./paginate.js";
import { startSimulator } from "./server.js";
import type { SimulatorDefinition } from "./types.js";

interface Widget {
  id: string;
  name: string;
}

interface WidgetState {
  widgets: Widget[];
  pageSize: number;
}

/** A tiny vendor: list/get/create/delete widgets, a 3-per-minute limit on creates. */
function widgetSimulator(): SimulatorDefinition<WidgetState> {
  const nextId = createIdGenerator("w_");
  const state: WidgetState = { widgets: [], pageSize: 2 };
  return {
    name: "widgets",
    routes: [
      {
        method: "GET",
        pattern: "/v1/widgets",
        name: "widgets.list",
        handler: (req) => {
          const page = paginateOffset(state.widgets, {
            pageToken: req.query.get("page") ?? undefined,
            limit: state.pageSize,
          });
          if (!page) return { status: 400, body: { message: "bad page token" } };
          return { status: 200, body: { entries: page.items, nextPage: page.nextPageToken ?? null } };
        },
      },
      {
        method: "GET",
        pattern: "/v1/widgets/:id",
        name: "widgets.get",
        handler: (req) => {
          const widget = state.widgets.find((item) => item.id === req.params.id);
          return widget ? { status: 200, body: widget } : { status: 404, body: { message: `no ${req.params.id}` } };
        },
      },
      {
        method: "POST",
        pattern: "/v1/widgets",
        name: "widgets.create",
        handler: async (req) => {
          await Promise.resolve();
          const widget = { id: nextId(), name: String((req.body as { name?: unknown }).name) };
          state.widgets.push(widget);
          return { status: 201, body: widget };
        },
      },
      {
        method: "GET",
        pattern: "/v1/files/*",
        name: "files.get",
        handler: (req) => ({ status: 200, body: { rest: req.params["*"], now: req.now } }),
      },
    ],
    notFound: (req) => ({ status: 404, body: { message: `Unknown path ${req.path}` } }),
    malformed: () => ({ status: 400, body: { message: "Malformed JSON" } }),
    rateLimits: [
      {
        name: "creates",
        routes: ["widgets.create"],
        limit: 3,
        windowMs: 60_000,
        retryAfter: "seconds",
        body: { error_code: "429050", message: "Too many requests" },
      },
    ],
    state: {
      get: () => state,
      reset: (seed) => {
        nextId.reset();
        state.widgets = Array.isArray(seed) ? (seed as Widget[]) : [];
      },
      configure: (config) => {
        const pageSize = (config as { pageSize?: unknown }).pageSize;
        if (typeof pageSize !== "number") throw new TypeError("pageSize must be a number");
        state.pageSize = pageSize;
      },
    },
  };
}

async function call(base: string, method: string, path: string, body?: unknown, contentType = "application/json") {
  const response = await request(`${base}${path}`, {
    method: method as "GET",
    headers: body === undefined ? {} : { "content-type": contentType, "X-Trace": "T1" },
    body: body === undefined ? null : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.body.text();
  return {
    status: response.statusCode,
    headers: response.headers,
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

describe("startSimulator", () => {
  it("routes with :params (URL-decoded) and trailing *, and answers unknown routes with notFound", async () => {
    await using sim = await startSimulator(widgetSimulator());
    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
    sim.state.widgets.push({ id: "a b", name: "spaced" });
    expect(await call(sim.url, "GET", "/v1/widgets/a%20b")).toMatchObject({ status: 200, body: { name: "spaced" } });
    expect(await call(sim.url, "GET", "/v1/files/x/y%2Fz")).toMatchObject({ body: { rest: "x/y/z" } });
    expect(await call(sim.url, "DELETE", "/v1/widgets")).toEqual({
      status: 404,
      headers: expect.anything(),
      body: { message: "Unknown path /v1/widgets" },
    });
  });

  it("parses JSON and form bodies, and answers invalid JSON with malformed", async () => {
    await using sim = await startSimulator(widgetSimulator());
    expect(await call(sim.url, "POST", "/v1/widgets", { name: "one" })).toMatchObject({ status: 201 });
    expect(await call(sim.url, "POST", "/v1/widgets", "name=two", "application/x-www-form-urlencoded")).toMatchObject({
      body: { id: "w_000002", name: "two" },
    });
    expect(await call(sim.url, "POST", "/v1/widgets", "{nope")).toMatchObject({
      status: 400,
      body: { message: "Malformed JSON" },
    });
    expect(sim.state.widgets.map((widget) => widget.name)).toEqual(["one", "two"]);
  });

  it("logs vendor requests with sequence numbers and lower-cased headers, not control requests", async () => {
    await using sim = await startSimulator(widgetSimulator());
    await call(sim.url, "POST", "/v1/widgets", { name: "one" });
    await call(sim.url, "GET", "/v1/widgets?page=");
    await call(sim.url, "GET", "/__sandbox/state");
    expect(sim.requests).toHaveLength(2);
    expect(sim.requests[0]).toMatchObject({
      seq: 1,
      method: "POST",
      path: "/v1/widgets",
      query: "",
      route: "widgets.create",
      body: { name: "one" },
      status: 201,
    });
    expect(sim.requests[0]?.headers["x-trace"]).toBe("T1");
    expect(sim.requests[1]).toMatchObject({ seq: 2, query: "page=", route: "widgets.list" });
    const tail = await call(sim.url, "GET", "/__sandbox/requests?since=1");
    expect((tail.body as { seq: number }[]).map((entry) => entry.seq)).toEqual([2]);
    sim.clearRequests();
    expect(sim.requests).toHaveLength(0);
  });

  it("injects a status fault for the next N requests to a route", async () => {
    await using sim = await startSimulator(widgetSimulator());
    sim.addFault({
      route: "widgets.list",
      count: 2,
      status: 503,
      body: { message: "busy" },
      headers: { "retry-after": "1" },
    });
    const first = await call(sim.url, "GET", "/v1/widgets");
    expect(first).toMatchObject({ status: 503, body: { message: "busy" } });
    expect(first.headers["retry-after"]).toBe("1");
    expect((await call(sim.url, "GET", "/v1/widgets")).status).toBe(503);
    expect((await call(sim.url, "GET", "/v1/widgets")).status).toBe(200);
    expect(sim.requests.map((entry) => entry.injected)).toEqual(["fault", "fault", undefined]);
  });

  it("draws rate faults from the seeded RNG, the same way for the same seed", async () => {
    const statuses = async (seed: number) => {
      await using sim = await startSimulator(widgetSimulator(), { seed });
      sim.addFault({ route: "*", rate: 0.5, status: 502 });
      const seen: number[] = [];
      for (let index = 0; index < 12; index++) seen.push((await call(sim.url, "GET", "/v1/widgets")).status);
      return seen;
    };
    const first = await statuses(7);
    expect(first).toEqual(await statuses(7));
    expect(first).not.toEqual(await statuses(8));
    expect(first).toContain(502);
    expect(first).toContain(200);
  });

  it("replays the same fault sequence after a reset", async () => {
    await using sim = await startSimulator(widgetSimulator(), { seed: 3 });
    const run = async () => {
      sim.addFault({ route: "*", rate: 0.5, status: 502 });
      const seen: number[] = [];
      for (let index = 0; index < 8; index++) seen.push((await call(sim.url, "GET", "/v1/widgets")).status);
      return seen;
    };
    const first = await run();
    sim.reset();
    expect(await run()).toEqual(first);
  });

  it("keeps a separate window per key and can omit Retry-After", async () => {
    const definition = widgetSimulator();
    await using sim = await startSimulator({
      ...definition,
      rateLimits: [
        {
          ...definition.rateLimits![0]!,
          limit: 1,
          retryAfter: "none",
          key: (req) => String((req.body as { name?: unknown }).name),
        },
      ],
    });
    const post = (trace: string) => call(sim.url, "POST", "/v1/widgets", { name: trace });
    expect((await post("a")).status).toBe(201);
    expect((await post("b")).status).toBe(201);
    expect((await post("c")).status).toBe(201);
    const limited = await post("a");
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBeUndefined();
  });

  it("drops the connection before handling: no state change", async () => {
    await using sim = await startSimulator(widgetSimulator());
    sim.addFault({ route: "widgets.create", count: 1, drop: "before" });
    await expect(call(sim.url, "POST", "/v1/widgets", { name: "lost" })).rejects.toThrow();
    expect(sim.state.widgets).toHaveLength(0);
    expect(sim.requests[0]).toMatchObject({ injected: "drop", status: 0 });
  });

  it("drops the connection after handling: the state changed but no answer came", async () => {
    await using sim = await startSimulator(widgetSimulator());
    sim.addFault({ route: "widgets.create", count: 1, drop: "after" });
    await expect(call(sim.url, "POST", "/v1/widgets", { name: "ghost" })).rejects.toThrow();
    expect(sim.state.widgets.map((widget) => widget.name)).toEqual(["ghost"]);
    expect(sim.requests[0]).toMatchObject({ injected: "drop", status: 201 });
  });

  it("adds fault latency before answering: a later, undelayed request overtakes it", async () => {
    await using sim = await startSimulator(widgetSimulator());
    sim.addFault({ route: "widgets.list", count: 1, latencyMs: 150 });
    const finished: string[] = [];
    const slow = call(sim.url, "GET", "/v1/widgets").then(() => finished.push("slow"));
    const fast = call(sim.url, "GET", "/v1/widgets/none").then(() => finished.push("fast"));
    await Promise.all([slow, fast]);
    expect(finished).toEqual(["fast", "slow"]);
  });

  it("adds the definition's latency to every vendor request but not to control requests", async () => {
    await using sim = await startSimulator({ ...widgetSimulator(), latencyMs: 150 });
    const finished: string[] = [];
    const vendor = call(sim.url, "GET", "/v1/widgets").then(() => finished.push("vendor"));
    const control = call(sim.url, "GET", "/__sandbox/state").then(() => finished.push("control"));
    await Promise.all([vendor, control]);
    expect(finished).toEqual(["control", "vendor"]);
  });

  it("rate-limits a route with 429, Retry-After and the rule's body; the clock frees the window", async () => {
    let base = 1_000_000;
    await using sim = await startSimulator(widgetSimulator(), { now: () => base });
    for (const name of ["a", "b", "c"]) expect((await call(sim.url, "POST", "/v1/widgets", { name })).status).toBe(201);
    base += 20_500;
    const limited = await call(sim.url, "POST", "/v1/widgets", { name: "d" });
    expect(limited).toMatchObject({ status: 429, body: { error_code: "429050", message: "Too many requests" } });
    expect(limited.headers["retry-after"]).toBe("40");
    expect(sim.requests.at(-1)).toMatchObject({ injected: "rate-limit", status: 429 });
    // Other routes are not covered by the rule.
    expect((await call(sim.url, "GET", "/v1/widgets")).status).toBe(200);
    sim.advanceClock(40_000);
    expect((await call(sim.url, "POST", "/v1/widgets", { name: "d" })).status).toBe(201);
  });

  it("states Retry-After as an HTTP-date when the rule says so", async () => {
    const definition = widgetSimulator();
    const start = Date.parse("2026-11-22T05:00:00.000Z");
    await using sim = await startSimulator(
      { ...definition, rateLimits: [{ ...definition.rateLimits![0]!, limit: 1, retryAfter: "http-date" }] },
      { now: () => start },
    );
    await call(sim.url, "POST", "/v1/widgets", { name: "a" });
    const limited = await call(sim.url, "POST", "/v1/widgets", { name: "b" });
    expect(limited.headers["retry-after"]).toBe("Sun, 22 Nov 2026 05:01:00 GMT");
  });

  it("serves the control endpoints", async () => {
    await using sim = await startSimulator(widgetSimulator());
    await call(sim.url, "POST", "/v1/widgets", { name: "x" });
    expect(await call(sim.url, "GET", "/__sandbox/state")).toMatchObject({ body: { widgets: [{ name: "x" }] } });

    expect((await call(sim.url, "PUT", "/__sandbox/config", { pageSize: 1 })).status).toBe(200);
    expect(sim.state.pageSize).toBe(1);
    expect(await call(sim.url, "PUT", "/__sandbox/config", { pageSize: "x" })).toMatchObject({ status: 400 });

    await call(sim.url, "POST", "/__sandbox/faults", [{ route: "widgets.list", count: 1, status: 500 }]);
    expect(await call(sim.url, "POST", "/__sandbox/faults", { route: 5 })).toMatchObject({ status: 400 });
    expect((await call(sim.url, "GET", "/v1/widgets")).status).toBe(500);
    await call(sim.url, "POST", "/__sandbox/faults", { route: "*", status: 500 });
    await call(sim.url, "DELETE", "/__sandbox/faults");
    expect((await call(sim.url, "GET", "/v1/widgets")).status).toBe(200);

    const before = sim.now();
    const moved = await call(sim.url, "POST", "/__sandbox/clock", { advanceMs: 3_600_000 });
    expect((moved.body as { now: number }).now - before).toBeGreaterThanOrEqual(3_600_000);

    await call(sim.url, "DELETE", "/__sandbox/requests");
    expect(sim.requests).toHaveLength(0);

    await call(sim.url, "POST", "/v1/widgets", { name: "y" });
    expect((await call(sim.url, "POST", "/__sandbox/reset", [{ id: "s1", name: "seeded" }])).status).toBe(200);
    expect(sim.state.widgets).toEqual([{ id: "s1", name: "seeded" }]);
    expect(sim.requests).toHaveLength(0);
    expect(await call(sim.url, "GET", "/__sandbox/nope")).toMatchObject({ status: 404 });
  });

  it("pages with opaque tokens and rejects forged ones", async () => {
    await using sim = await startSimulator(widgetSimulator());
    for (const name of ["a", "b", "c"]) await call(sim.url, "POST", "/v1/widgets", { name });
    const first = (await call(sim.url, "GET", "/v1/widgets")).body as { entries: Widget[]; nextPage: string };
    expect(first.entries.map((widget) => widget.name)).toEqual(["a", "b"]);
    const second = (await call(sim.url, "GET", `/v1/widgets?page=${first.nextPage}`)).body as { nextPage: unknown };
    expect(second.nextPage).toBeNull();
    const forged = Buffer.from("2").toString("base64url");
    expect((await call(sim.url, "GET", `/v1/widgets?page=${forged}`)).status).toBe(400);
  });

  it("answers a throwing handler with a 500 that names the route", async () => {
    const definition = widgetSimulator();
    await using sim = await startSimulator({
      ...definition,
      routes: [
        {
          method: "GET",
          pattern: "/boom",
          name: "boom",
          handler: () => {
            throw new Error("bug");
          },
        },
      ],
    });
    expect(await call(sim.url, "GET", "/boom")).toMatchObject({ status: 500, body: { route: "boom", message: "bug" } });
  });
});
