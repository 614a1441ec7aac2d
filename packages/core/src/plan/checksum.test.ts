import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../model/policy.js";
import { canonicalJson, planChecksum } from "./checksum.js";
import { classifyChanges } from "./classify.js";
import { planChanges } from "./plan-changes.js";
import { capabilitiesOf, type DesiredRowInput, desiredState, directoryOf } from "./test-builders.js";

describe("canonicalJson", () => {
  it("sorts keys at every depth, drops undefined members and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined, x: null }], c: "é" } })).toBe(
      '{"a":{"c":"é","d":[3,{"x":null,"z":1}]},"b":1}',
    );
  });
});

describe("planChecksum", () => {
  it("is the sha256 of the canonical plan data and ignores key order", () => {
    const a = planChecksum({ version: 1, vendor: "sigma", changes: [{ kind: "create-group", group: "G", line: 2 }] });
    const b = planChecksum({ changes: [{ line: 2, group: "G", kind: "create-group" }], vendor: "sigma", version: 1 });
    expect(a).toBe(b);
    const canonical = '{"changes":[{"group":"G","kind":"create-group","line":2}],"vendor":"sigma","version":1}';
    expect(a).toBe(createHash("sha256").update(canonical).digest("hex"));
    expect(planChecksum({ version: 1, vendor: "sigma", target: "site", changes: [] })).not.toBe(
      planChecksum({ version: 1, vendor: "sigma", changes: [] }),
    );
  });
});

describe("classifyChanges", () => {
  const directory = directoryOf([{ email: "a@x.io", firstName: "Old" }, { email: "b@x.io" }]);
  const planOf = (rows: DesiredRowInput[]) =>
    planChanges({
      desired: desiredState(rows),
      directory,
      policy: defaultPolicy,
      vendor: { id: "sigma", capabilities: capabilitiesOf() },
    });

  it("marks changes already in the base plan as pending, even when their line moved", () => {
    const base = planOf([{ email: "a@x.io", firstName: "New" }]);
    const pr = planOf([{ email: "c@x.io" }, { email: "a@x.io", firstName: "New" }, { email: "b@x.io", lastName: "B" }]);
    expect(pr.changes.map((c) => c.kind)).toEqual(["create-user", "update-user", "update-user"]);
    expect(classifyChanges(pr, base)).toEqual(["introduced", "pending", "introduced"]);
  });

  it("marks everything introduced without a base plan", () => {
    expect(classifyChanges(planOf([{ email: "c@x.io" }]), undefined)).toEqual(["introduced"]);
  });
});
