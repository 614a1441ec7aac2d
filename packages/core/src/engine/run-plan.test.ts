import { describe, expect, it } from "vitest";
import { defaultPolicy, type Policy } from "../model/policy.js";
import { parseAllowRemovals } from "../model/safety-settings.js";
import { desiredState, directoryOf } from "../plan/test-builders.js";
import { createMemoryVendor } from "../vendors/memory/vendor.js";
import type { VendorContext } from "../vendors/vendor.js";
import { describeRefusal, exitCodeFor } from "./exit-code.js";
import { applyForVendor, planForVendor } from "./run-plan.js";

const context: VendorContext = { logger: { info() {}, warn() {}, debug() {} } };
const policy = (overrides: Partial<Policy> = {}): Policy => ({ ...defaultPolicy, ...overrides });
const seed = () =>
  directoryOf([{ email: "a@x.io" }, ...Array.from({ length: 9 }, (_, i) => ({ email: `u${i}@x.io` }))]);

describe("planForVendor", () => {
  it("reads the vendor while the file is still being parsed", async () => {
    const desired = desiredState([{ email: "a@x.io" }, { email: "new@x.io" }]);
    const memory = createMemoryVendor(seed());
    let fileParsed: (() => void) | undefined;
    const parsing = new Promise<typeof desired>((resolve) => {
      fileParsed = () => resolve(desired);
    });
    // The file finishes only once the vendor read has started: awaiting the file first would hang.
    const read = (ctx: VendorContext) => {
      fileParsed?.();
      return memory.read(ctx);
    };
    const vendor = { ...memory, read };
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("not overlapped")), 2_000));
    const { plan } = await Promise.race([
      planForVendor({ desired: parsing, vendor, policy: policy(), context }),
      timeout,
    ]);
    expect(plan.changes.map((c) => c.kind)).toEqual(["create-user"]);
  });

  it("turns server-side check rejections into errors on the change's line", async () => {
    const vendor = createMemoryVendor(seed(), {
      rejectOnCheck: (c) => (c.kind === "create-user" ? "no seats left" : undefined),
    });
    const desired = desiredState([{ email: "a@x.io" }, { email: "new@x.io" }]);
    const { plan } = await planForVendor({ desired, vendor, policy: policy(), context, serverCheck: true });
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "PLAN_VENDOR_REJECTS",
        line: 3,
        message: "sigma would reject create-user new@x.io: no seats left",
      }),
    ]);
    const unchecked = await planForVendor({ desired, vendor, policy: policy(), context });
    expect(unchecked.plan.diagnostics).toEqual([]);
  });

  it("checks unsafe plans too, but not plans with input errors", async () => {
    let checks = 0;
    const vendor = createMemoryVendor(seed(), {
      rejectOnCheck: () => {
        checks += 1;
        return undefined;
      },
    });
    const desired = desiredState([{ email: "a@x.io" }]);
    await planForVendor({ desired, vendor, policy: policy({ absentUsers: "deactivate" }), context, serverCheck: true });
    expect(checks).toBeGreaterThan(0);
    checks = 0;
    const invalid = desiredState([{ email: "a@x.io", groups: ["Nope"] }, { email: "new@x.io" }]);
    await planForVendor({ desired: invalid, vendor, policy: policy(), context, serverCheck: true });
    expect(checks).toBe(0);
  });

  it("adds the vendor's offline row checks once", async () => {
    const vendor = {
      ...createMemoryVendor(seed()),
      validateUser: (user: { line: number }, file: string) => [
        { severity: "error" as const, code: "ROW_INVALID_VALUE" as const, message: "bad", file, line: user.line },
      ],
    };
    const { plan } = await planForVendor({
      desired: desiredState([{ email: "a@x.io" }]),
      vendor,
      policy: policy(),
      context,
    });
    expect(plan.diagnostics.map((d) => d.code)).toEqual(["ROW_INVALID_VALUE"]);
    // An adapter that already ran the same check (roster validate) does not get it twice.
    const validated = desiredState([{ email: "a@x.io" }], { diagnostics: plan.diagnostics });
    const again = await planForVendor({ desired: validated, vendor, policy: policy(), context });
    expect(again.plan.diagnostics).toHaveLength(1);
  });
});

describe("applyForVendor", () => {
  it("applies a valid, safe plan and exits 0", async () => {
    const vendor = createMemoryVendor(seed());
    const out = await applyForVendor({
      desired: desiredState([{ email: "b@x.io" }]),
      vendor,
      policy: policy(),
      context,
      stopOnError: false,
    });
    expect(out.refused).toBeUndefined();
    expect(out.result?.counts.applied).toBe(1);
    expect(exitCodeFor(out)).toBe(0);
  });

  it("refuses an invalid plan without writing and exits 1", async () => {
    const vendor = createMemoryVendor(seed());
    const out = await applyForVendor({
      desired: desiredState([{ email: "a@x.io", groups: ["Nope"] }]),
      vendor,
      policy: policy(),
      context,
      stopOnError: false,
    });
    expect(out).toMatchObject({ refused: "invalid", result: undefined });
    expect(vendor.applyCalls).toBe(0);
    expect(exitCodeFor(out)).toBe(1);
  });

  it("refuses an unsafe plan with exit code 3 until its exact destructive set is acknowledged", async () => {
    const vendor = createMemoryVendor(seed());
    const desired = desiredState([{ email: "a@x.io" }]);
    const unsafe = await applyForVendor({
      desired,
      vendor,
      policy: policy({ absentUsers: "deactivate" }),
      context,
      stopOnError: false,
    });
    expect(unsafe.refused).toBe("unsafe");
    expect(exitCodeFor(unsafe)).toBe(3);
    const value = unsafe.plan.safety.acknowledgementValue ?? "";
    expect(value).toMatch(/^9@[0-9a-f]{8}$/);
    expect(describeRefusal("unsafe", unsafe.plan)).toContain(`"allow-removals: ${value}"`);
    expect(vendor.applyCalls).toBe(0);
    const bare = await applyForVendor({
      desired,
      vendor,
      policy: policy({ absentUsers: "deactivate", allowRemovals: parseAllowRemovals("9", "allow-removals") }),
      context,
      stopOnError: false,
    });
    expect(bare.refused).toBe("unsafe");
    expect(describeRefusal("unsafe", bare.plan)).toContain(`"allow-removals: ${value}"`);
    const acknowledged = await applyForVendor({
      desired,
      vendor,
      policy: policy({ absentUsers: "deactivate", allowRemovals: parseAllowRemovals(value, "allow-removals") }),
      context,
      stopOnError: false,
    });
    expect(acknowledged.result?.counts.applied).toBe(9);
  });

  it("refuses when the plan differs from the reviewed checksum", async () => {
    const vendor = createMemoryVendor(seed());
    const desired = desiredState([{ email: "b@x.io" }]);
    const reviewed = await planForVendor({ desired, vendor, policy: policy(), context });
    const same = await applyForVendor({
      desired,
      vendor,
      policy: policy(),
      context,
      stopOnError: false,
      expectedChecksum: reviewed.plan.checksum,
    });
    expect(same.result?.counts.applied).toBe(1);
    const stale = await applyForVendor({
      desired: desiredState([{ email: "c@x.io" }]),
      vendor,
      policy: policy(),
      context,
      stopOnError: false,
      expectedChecksum: reviewed.plan.checksum,
    });
    expect(stale.refused).toBe("checksum");
    expect(exitCodeFor(stale)).toBe(1);
  });

  it("accepts any one of several approved checksums, and none from an empty list", async () => {
    const vendor = createMemoryVendor(seed());
    const desired = desiredState([{ email: "b@x.io" }]);
    const { plan } = await planForVendor({ desired, vendor, policy: policy(), context });
    const base = { desired, vendor, policy: policy(), context, stopOnError: false };
    expect((await applyForVendor({ ...base, expectedChecksum: [] })).refused).toBe("checksum");
    const approved = await applyForVendor({ ...base, expectedChecksum: ["0".repeat(64), plan.checksum] });
    expect(approved.result?.counts.applied).toBe(1);
  });

  it("exits 1 when a change fails", async () => {
    const vendor = createMemoryVendor(seed(), { rejectOnApply: () => "boom" });
    const out = await applyForVendor({
      desired: desiredState([{ email: "b@x.io" }]),
      vendor,
      policy: policy(),
      context,
      stopOnError: false,
    });
    expect(out.result?.counts.failed).toBe(1);
    expect(exitCodeFor(out)).toBe(1);
  });
});
