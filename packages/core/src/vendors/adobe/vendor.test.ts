import { setTimeout as delay } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { applyPlan } from "../../engine/apply-plan.js";
import type { Change } from "../../plan/types.js";
import type { RunMode } from "../vendor.js";
import type { AdobeRateLimits } from "./rate-limits.js";
import { parseAdobeSettings } from "./settings.js";
import type { AdobeSeed, AdobeSimConfig, AdobeSimulator } from "./simulator/index.js";
import { adobeDemoSeed, adobeSimulatorEnv, startAdobeSimulator } from "./simulator/index.js";
import { createUser, planOf, recordingLogger } from "./test-helpers.js";
import { createAdobeVendor } from "./vendor.js";

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

/** Waits are capped: the pacer re-checks its windows after each nap, retries just come sooner. */
const cappedSleep = (ms: number): Promise<void> => delay(Math.min(ms, 20)).then(() => undefined);

interface Setup {
  readonly seed?: AdobeSeed;
  readonly config?: Partial<AdobeSimConfig>;
  readonly simLimits?: AdobeRateLimits | false;
  readonly clientLimits?: string;
  readonly mode?: RunMode;
}

async function setup(options: Setup = {}) {
  const sim = await startAdobeSimulator({
    rateLimits: options.simLimits ?? false,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.config !== undefined ? { config: options.config } : {}),
  });
  running.push(sim);
  const env = { ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: options.clientLimits ?? "off" };
  const logger = recordingLogger();
  const vendor = createAdobeVendor(parseAdobeSettings(env), {
    mode: options.mode ?? "apply",
    logger,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    sleep: cappedSleep,
  });
  running.push(vendor);
  const context = { logger };
  return { sim, vendor, logger, context };
}

function actionRequests(sim: AdobeSimulator) {
  return sim.requests.filter((r) => r.route === "action");
}

const apply = { stopOnError: false };

describe("adobe vendor against the simulator", () => {
  it("reads every page of users and groups and marks reserved groups", async () => {
    const { sim, vendor, context } = await setup({ config: { usersPageSize: 3, groupsPageSize: 4 } });
    const directory = await vendor.read(context);
    expect(directory.users.map((u) => u.email)).toEqual(adobeDemoSeed.users.map((u) => u.email));
    expect(sim.requests.filter((r) => r.route === "users.list")).toHaveLength(4);
    expect(sim.requests.filter((r) => r.route === "groups.list")).toHaveLength(3);
    expect(sim.requests.filter((r) => r.route === "ims.token")).toHaveLength(1);
    const reserved = directory.groups.filter((g) => g.reserved === true).map((g) => g.name);
    expect(reserved).toEqual(["_org_admin", "_admin_Designers", "_product_admin_Photoshop"]);
    const erin = directory.users.find((u) => u.email === "erin@example.com");
    expect(erin).toMatchObject({ id: "erin", domain: "example.com", type: "federatedID", groups: ["Photoshop"] });
  });

  it("creates 95 users with 3 groups each in 10 action requests", async () => {
    const { sim, vendor, context } = await setup();
    const directory = await vendor.read(context);
    const changes = Array.from({ length: 95 }, (_, i) =>
      createUser(`new${i}@example.com`, {
        firstName: "New",
        lastName: `User ${i}`,
        groups: ["Designers", "Marketing", "All Apps"],
      }),
    );
    const result = await applyPlan(vendor, planOf(changes), directory, apply, context);
    expect(result.counts).toEqual({ applied: 95, failed: 0, skipped: 0 });
    expect(actionRequests(sim)).toHaveLength(10);
    const created = sim.state().users.filter((u) => u.email.startsWith("new"));
    expect(created).toHaveLength(95);
    expect(created.every((u) => u.groups.length === 3 && u.country === "US" && u.type === "federatedID")).toBe(true);
  });

  it("adds one user to 25 groups with one request of 3 add steps", async () => {
    const extra = Array.from({ length: 25 }, (_, i) => ({ groupName: `Team ${i}`, type: "USER_GROUP" }));
    const { sim, vendor, context } = await setup({
      seed: { ...adobeDemoSeed, groups: [...adobeDemoSeed.groups, ...extra] },
    });
    const directory = await vendor.read(context);
    const change: Change = {
      kind: "add-to-groups",
      email: "alice@example.com",
      userId: "alice@example.com",
      line: 2,
      groups: extra.map((g) => g.groupName),
    };
    const result = await applyPlan(vendor, planOf([change]), directory, apply, context);
    expect(result.results[0]?.outcome).toEqual({ status: "applied" });
    const [request, ...rest] = actionRequests(sim);
    expect(rest).toHaveLength(0);
    expect(request?.body).toEqual([
      {
        user: "alice@example.com",
        do: [
          { add: { group: extra.slice(0, 10).map((g) => g.groupName) } },
          { add: { group: extra.slice(10, 20).map((g) => g.groupName) } },
          { add: { group: extra.slice(20).map((g) => g.groupName) } },
        ],
      },
    ]);
    expect(sim.state().users.find((u) => u.email === "alice@example.com")?.groups).toHaveLength(27);
  });

  it("survives a 429 burst and dropped replies with nothing lost or applied twice", async () => {
    const { sim, vendor, context } = await setup();
    const directory = await vendor.read(context);
    sim.addFault({
      route: "action",
      count: 3,
      status: 429,
      headers: { "retry-after": "1" },
      body: { error_code: "429050", message: "Too many requests" },
    });
    sim.addFault({ route: "action", count: 1, drop: "after" });
    const changes = Array.from({ length: 25 }, (_, i) =>
      createUser(`b${i}@example.com`, { firstName: "B", lastName: "C", groups: ["Marketing"] }),
    );
    const result = await applyPlan(vendor, planOf(changes), directory, apply, context);
    expect(result.counts).toEqual({ applied: 25, failed: 0, skipped: 0 });
    const created = sim.state().users.filter((u) => u.email.startsWith("b") && u.email !== "bob@example.com");
    expect(created).toHaveLength(25);
    expect(new Set(created.map((u) => u.email)).size).toBe(25);
    expect(created.every((u) => u.groups.length === 1)).toBe(true);
    expect(actionRequests(sim).filter((r) => r.injected === "fault")).toHaveLength(3);
  });

  it("maps errors[] back to the changes that caused them", async () => {
    const { vendor, context, sim } = await setup();
    const directory = await vendor.read(context);
    const changes: Change[] = [
      {
        kind: "add-to-groups",
        email: "alice@example.com",
        userId: "alice@example.com",
        line: 2,
        groups: ["No Such Group"],
      },
      {
        kind: "update-user",
        email: "frank@gmail.com",
        userId: "frank@gmail.com",
        line: 3,
        downgrade: false,
        fields: [{ field: "firstName", from: "Frank", to: "Franz" }],
      },
      { kind: "add-to-groups", email: "bob@example.com", userId: "bob@example.com", line: 4, groups: ["Marketing"] },
    ];
    const result = await applyPlan(vendor, planOf(changes), directory, apply, context);
    expect(result.results.map((r) => r.outcome)).toEqual([
      { status: "failed", message: "Group not found: No Such Group", code: "error.group.not_found" },
      {
        status: "failed",
        message: "The operation in the command cannot be applied to an Adobe ID.",
        code: "error.update.adobeid.no",
      },
      { status: "applied" },
    ]);
    expect(sim.state().users.find((u) => u.email === "bob@example.com")?.groups).toContain("Marketing");
  });

  it("checks a plan with testOnly in plan mode: rejects the bad change, changes nothing", async () => {
    const { vendor, context, sim } = await setup({ mode: "plan" });
    const directory = await vendor.read(context);
    const before = sim.state();
    const changes: Change[] = [
      createUser("ok@example.com", { firstName: "O", lastName: "K", groups: ["Designers"] }),
      { kind: "add-to-groups", email: "carol@example.com", userId: "carol@example.com", line: 3, groups: ["Nope"] },
    ];
    const check = await vendor.check?.(planOf(changes), directory, context);
    expect(check).toEqual({
      rejections: [{ index: 1, message: "Group not found: Nope", code: "error.group.not_found" }],
      requests: 1,
    });
    expect(actionRequests(sim).map((r) => r.query)).toEqual(["testOnly=true"]);
    expect(sim.state()).toEqual(before);
  });

  it("refuses a live action in plan mode before sending it", async () => {
    const { vendor, context, sim } = await setup({ mode: "plan" });
    const directory = await vendor.read(context);
    const plan = planOf([createUser("x@example.com", { firstName: "X", lastName: "Y" })]);
    await expect(applyPlan(vendor, plan, directory, apply, context)).rejects.toMatchObject({
      code: "READ_ONLY_VIOLATION",
    });
    expect(actionRequests(sim)).toHaveLength(0);
  });

  it("reports a wrong client secret without printing it", async () => {
    const sim = await startAdobeSimulator({ rateLimits: false });
    running.push(sim);
    const env = { ...adobeSimulatorEnv(sim), ADOBE_CLIENT_SECRET: "wrong-secret-value-123" };
    const vendor = createAdobeVendor(parseAdobeSettings(env), { mode: "plan", logger: recordingLogger() });
    running.push(vendor);
    const error = await vendor.read({ logger: recordingLogger() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "CONFIG_INVALID", setting: "ADOBE_CLIENT_SECRET" });
    expect(String((error as Error).message)).toContain("401 Unauthorized");
    expect(String((error as Error).message)).not.toContain("wrong-secret-value-123");
  });
});
