import type { Change, NewUser } from "@roster/core";
import { describe, expect, it } from "vitest";
import { type FileFacts, minimumShape, totalRequests } from "./minimum.ts";
import type { OrgFacts } from "./vendors.ts";

const org = (users: number, teams: number[]): OrgFacts => ({
  users,
  groupSizes: new Map(teams.map((size, i) => [`Team ${i}`, size])),
});

const newUser = (email: string, groups: string[]): NewUser => ({
  email,
  emailAsWritten: email,
  groups,
  attributes: {},
  status: "active",
});

const update = (i: number): Change => ({
  kind: "update-user",
  email: `u${i}@acme.test`,
  userId: `id${i}`,
  line: i + 2,
  fields: [{ field: "lastName", from: "A", to: "B" }],
  downgrade: false,
});

const add = (i: number, group: string): Change => ({
  kind: "add-to-groups",
  email: `u${i}@acme.test`,
  userId: `id${i}`,
  line: i + 2,
  groups: [group],
});

const remove = (i: number, group: string): Change => ({
  kind: "remove-from-groups",
  email: `u${i}@acme.test`,
  userId: `id${i}`,
  line: i + 2,
  groups: [group],
});

/** A file with a groups column naming these groups (no role or attribute columns). */
const naming = (...groups: string[]): FileFacts => ({ role: false, groups, attributes: [] });
const NAMES_ONLY: FileFacts = naming();

describe("minimumShape", () => {
  it("Sigma: pages of 1,000, one PATCH per changed member, team membership 100 ids per call", () => {
    const changes = [
      ...Array.from({ length: 150 }, (_, i) => update(i)),
      // Same member twice: still one PATCH for its fields.
      update(0),
      ...Array.from({ length: 250 }, (_, i) => add(i, "Team 1")),
    ];
    const file: FileFacts = { role: true, groups: ["Team 0", "Team 1"], attributes: [] };
    const shape = minimumShape("sigma", changes, org(2500, [1500, 10]), file);
    // token; whoami, 3 member pages, account types (role column), teams, 2 + 1 team member pages.
    expect(totalRequests({ ...shape, writes: [] })).toBe(1 + 1 + 3 + 1 + 1 + 3);
    expect(shape.writes.map((w) => w.count)).toEqual([0, 150 + 3, 0]);
  });

  it("Periscope: one request per user written, whatever changed about them", () => {
    const changes = [
      update(1),
      add(1, "Team 2"),
      remove(2, "Team 0"),
      { kind: "create-user", email: "n@acme.test", line: 9, user: newUser("n@acme.test", ["Team 1"]) } as Change,
    ];
    const shape = minimumShape("periscope", changes, org(10, [10]), naming("Team 0", "Team 1", "Team 2"));
    expect(totalRequests(shape)).toBe(2 + 3);
  });

  it("Adobe: one entry per user, 10 entries per request, pages of 2,000 users", () => {
    const moves = Array.from({ length: 25 }, (_, i) => [remove(i, "Team 0"), add(i, "Team 1")]).flat();
    const shape = minimumShape("adobe", moves, org(4001, [4001]), naming("Team 0", "Team 1"));
    // token, 3 user pages, 1 group page; 25 entries -> 3 requests.
    expect(totalRequests(shape)).toBe(1 + 3 + 1 + 3);
  });

  it("Adobe: a user with more than 10 steps needs a second entry", () => {
    const groups = Array.from({ length: 101 }, (_, i) => `G${i}`);
    const changes: Change[] = [{ kind: "add-to-groups", email: "u@acme.test", userId: "u", line: 2, groups }];
    const shape = minimumShape("adobe", changes, org(1, [1]), naming(...groups));
    // 101 names -> 11 add steps -> 2 entries -> 1 request.
    expect(shape.writes.map((w) => w.count)).toEqual([0, 1]);
  });

  it("Sigma, email and names on 10,000 members in 10 teams: token, whoami, 11 member pages, one PATCH per change", () => {
    const changes = Array.from({ length: 100 }, (_, i) => update(i));
    const teams = Array.from({ length: 10 }, () => 1000);
    const names = minimumShape("sigma", changes, org(10_001, teams), NAMES_ONLY);
    expect(totalRequests(names)).toBe(1 + 1 + 11 + 100);
    // The same changes from a file with a groups column naming every team: the teams and their members too.
    const all = Array.from({ length: 10 }, (_, i) => `Team ${i}`);
    expect(totalRequests(minimumShape("sigma", changes, org(10_001, teams), naming(...all)))).toBe(
      1 + 1 + 11 + 1 + 10 + 100,
    );
  });

  it("Sigma: only the teams the file names are read, matched case-insensitively", () => {
    const shape = minimumShape("sigma", [], org(10, [2500, 10, 10]), naming("team 0"));
    expect(shape.reads.map((chain) => [chain.name, chain.length])).toEqual([
      ["whoami", 1],
      ["members", 1],
      ["teams", 1],
      ["team 0 members", 3],
    ]);
  });

  it("Sigma: attr: columns read the attribute list and each named attribute's assignments", () => {
    const facts: OrgFacts = { ...org(10, []), attributeHolders: new Map([["region", 1500]]) };
    const shape = minimumShape("sigma", [], facts, { role: false, groups: [], attributes: ["region", "tier"] });
    expect(shape.reads.map((chain) => [chain.name, chain.length])).toEqual([
      ["whoami", 1],
      ["members", 1],
      ["user attributes", 1],
      ["region assignments", 2],
      ["tier assignments", 1],
    ]);
  });

  it("Periscope and Adobe: no group list for a file that names no group", () => {
    expect(minimumShape("periscope", [], org(10, [10]), NAMES_ONLY).reads.map((c) => c.name)).toEqual(["users"]);
    expect(minimumShape("adobe", [], org(10, [10]), NAMES_ONLY).reads.map((c) => c.name)).toEqual(["users"]);
  });
});
