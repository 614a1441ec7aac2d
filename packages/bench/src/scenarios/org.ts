import type { FileFacts } from "../minimum.ts";

/**
 * Synthetic organisations and the users.csv that changes them. One shape for every vendor, so the
 * scenarios are comparable: users `user<i>@acme.test` spread over 10 groups (`Team 0`..`Team 9`),
 * one group each, and a CSV with columns email, first_name, last_name, groups (or fewer).
 */
export interface OrgUser {
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly groups: readonly string[];
}

export const TEAMS: readonly string[] = Array.from({ length: 10 }, (_, i) => `Team ${i}`);

/** The columns a scenario's users.csv may have. */
export type CsvColumn = "email" | "first_name" | "last_name" | "groups";

export const ALL_COLUMNS: readonly CsvColumn[] = ["email", "first_name", "last_name", "groups"];

export interface ScenarioData {
  /** Users the vendor holds before the run (besides the vendor's own admin/API user). */
  readonly org: readonly OrgUser[];
  /** The rows of users.csv. */
  readonly desired: readonly OrgUser[];
  /** Acknowledged destructive changes (group removals), as a reviewer would pass `--allow-removals`. */
  readonly allowRemovals?: number;
  /** What the plan must contain, checked before the numbers are trusted. */
  readonly expectedChanges: number;
  /** The columns of users.csv (default ALL_COLUMNS). */
  readonly columns?: readonly CsvColumn[];
}

export interface ScenarioDefinition {
  readonly name: string;
  readonly description: string;
  /** Whether `--quick` runs it (at the reduced size). */
  readonly quick: boolean;
  build(scale: number): ScenarioData;
}

function user(i: number): OrgUser {
  return {
    email: `user${i}@acme.test`,
    firstName: `First${i}`,
    lastName: `Last${i}`,
    groups: [TEAMS[i % TEAMS.length] ?? "Team 0"],
  };
}

export function makeUsers(count: number): OrgUser[] {
  return Array.from({ length: count }, (_, i) => user(i));
}

/**
 * 1% of the users changed: every 100th gets a new last name, and every 200th also joins the next
 * team: per 10,000 users, 100 field updates and 50 group additions.
 */
function onePercentChanged(count: number): ScenarioData {
  const org = makeUsers(count);
  let expectedChanges = 0;
  const desired = org.map((row, i) => {
    if (i % 100 !== 0) return row;
    expectedChanges += 1;
    if (i % 200 !== 0) return { ...row, lastName: `${row.lastName}-Changed` };
    expectedChanges += 1;
    const next = TEAMS[(i + 1) % TEAMS.length] ?? "Team 1";
    return { ...row, lastName: `${row.lastName}-Changed`, groups: [...row.groups, next] };
  });
  return { org, desired, expectedChanges };
}

/** Email and names only, 1% of last names changed: a file that manages no groups. */
function namesOnly(count: number): ScenarioData {
  const org = makeUsers(count);
  let expectedChanges = 0;
  const desired = org.map((row, i) => {
    if (i % 100 !== 0) return row;
    expectedChanges += 1;
    return { ...row, lastName: `${row.lastName}-Changed` };
  });
  return { org, desired, expectedChanges, columns: ["email", "first_name", "last_name"] };
}

export const SCENARIOS: readonly ScenarioDefinition[] = [
  {
    name: "10k-1pct",
    description: "10,000 users, 1% changed (100 last names, 50 of them also join a team)",
    quick: true,
    build: (scale) => onePercentChanged(Math.round(10_000 * scale)),
  },
  {
    name: "10k-names",
    description: "10,000 users, a users.csv of email and names only, 1% changed (100 last names)",
    quick: true,
    build: (scale) => namesOnly(Math.round(10_000 * scale)),
  },
  {
    name: "100k-1pct",
    description: "100,000 users, 1% changed (1,000 last names, 500 of them also join a team)",
    quick: false,
    build: (scale) => onePercentChanged(Math.round(100_000 * scale)),
  },
  {
    name: "10k-new",
    description: "10,000 new users, each in one existing team",
    quick: true,
    build: (scale) => {
      const desired = makeUsers(Math.round(10_000 * scale));
      return { org: [], desired, expectedChanges: desired.length };
    },
  },
  {
    name: "reorg-2k",
    description: "10,000 users; 2,000 move from their team to the next one",
    quick: true,
    build: (scale) => {
      const org = makeUsers(Math.round(10_000 * scale));
      let moved = 0;
      const desired = org.map((row, i) => {
        // A fifth of every team (10 consecutive users in 50), so each team is still named in the file.
        if (Math.floor(i / 10) % 5 !== 0) return row;
        moved += 1;
        return { ...row, groups: [TEAMS[(i + 1) % TEAMS.length] ?? "Team 1"] };
      });
      // Each move is one removal and one addition.
      return { org, desired, allowRemovals: moved, expectedChanges: 2 * moved };
    },
  },
];

function cell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const VALUE: Readonly<Record<CsvColumn, (row: OrgUser) => string>> = {
  email: (row) => row.email,
  first_name: (row) => row.firstName,
  last_name: (row) => row.lastName,
  groups: (row) => row.groups.join(";"),
};

export function toUsersCsv(rows: readonly OrgUser[], columns: readonly CsvColumn[] = ALL_COLUMNS): string {
  const lines = [columns.join(",")];
  for (const row of rows) lines.push(columns.map((column) => cell(VALUE[column](row))).join(","));
  return `${lines.join("\n")}\n`;
}

/** What a scenario's users.csv manages, for the minimum: no role or attribute columns here. */
export function fileFacts(data: ScenarioData): FileFacts {
  const named = new Set<string>();
  if ((data.columns ?? ALL_COLUMNS).includes("groups")) {
    for (const row of data.desired) for (const group of row.groups) named.add(group);
  }
  return { role: false, groups: [...named], attributes: [] };
}

/** Members per group in an organisation, for the read-side minimum and floor. */
export function groupSizes(org: readonly OrgUser[]): Map<string, number> {
  const sizes = new Map<string, number>(TEAMS.map((team) => [team, 0]));
  for (const row of org) for (const group of row.groups) sizes.set(group, (sizes.get(group) ?? 0) + 1);
  return sizes;
}
