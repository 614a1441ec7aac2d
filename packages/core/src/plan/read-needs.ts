import type { Diagnostic } from "../diagnostics.js";
import type { DesiredState, DesiredUser } from "../model/desired.js";
import type { Policy } from "../model/policy.js";
import { covers, type NamedNeed, needsName, type ReadNeeds } from "../model/read-needs.js";
import type { Capabilities } from "../vendors/vendor.js";
import type { PlanInput } from "./plan-context.js";

/**
 * The one rule for which kinds of vendor data a plan of this file under this policy needs
 * (README.md#what-roster-reads). The users are always read: the credentials' own identity, the
 * protected users, administrators (Adobe lists admin roles among each user's groups, inline), the
 * active managed users the removal threshold counts and the absent users all come from them.
 *
 * - Account types: a `role` column (to check its values), where the vendor has account types.
 * - Groups, when memberships can change (a groups column, or `absent-users: remove-groups`):
 *   under `group-scope: listed` only the groups the file names (in a roster.yml run: those it maps
 *   to the vendor) are managed, so the group list and the members of those groups; none when there
 *   are none. Under `exact` every membership is managed: the group list and all memberships.
 * - Attributes: each `attr:<name>` column, the attribute list (to report an unknown name) and the
 *   values of the attributes named, where the vendor has attributes.
 *
 * The engine derives it from the file and hands it to the vendor's `read` (`VendorContext.needs`);
 * the benchmark's minimum counts requests from the same rule, written independently
 * (packages/bench/src/minimum.ts).
 */
export function readNeedsOf(
  desired: Pick<DesiredState, "columns" | "attributeColumns" | "groupsNamed">,
  policy: Pick<Policy, "groupScope" | "absentUsers">,
  capabilities: Pick<Capabilities, "roles" | "attributes">,
): ReadNeeds {
  const attributes = Object.keys(desired.attributeColumns);
  return {
    roles: capabilities.roles && desired.columns.role !== undefined,
    groups: groupNeed(desired, policy),
    attributes: capabilities.attributes && attributes.length > 0 ? { named: attributes } : "none",
  };
}

function groupNeed(
  desired: Pick<DesiredState, "columns" | "groupsNamed">,
  policy: Pick<Policy, "groupScope" | "absentUsers">,
): NamedNeed {
  // Memberships change only through a groups column or absent users losing their groups.
  if (desired.columns.groups === undefined && policy.absentUsers !== "remove-groups") return "none";
  if (policy.groupScope === "exact") return "all";
  // In a roster.yml run the managed groups are those roster.yml maps to the vendor, named or not.
  return desired.groupsNamed.length > 0 ? { named: desired.groupsNamed } : "none";
}

/**
 * The plan input without what the directory did not read, and an error for each kind left out.
 * The engine asks the vendor for exactly `readNeedsOf`, so this only bites when a plan is made
 * against a directory read for another file (the Action plans the base branch's file against the
 * pull request's read to tell introduced changes from pending ones): an unread kind is then
 * unmanaged, as if its column were blank (no value compared, no change planned), and the plan says
 * so instead of stating changes it could not read.
 */
export function restrictToRead(input: PlanInput): { input: PlanInput; diagnostics: Diagnostic[] } {
  const { desired, directory, policy, vendor } = input;
  const read = directory.read;
  if (read === undefined) return { input, diagnostics: [] };
  const need = readNeedsOf(desired, policy, vendor.capabilities);
  const dropRole = need.roles && !read.roles;
  const groupsCovered = covers(read.groups, need.groups);
  const attributesCovered = covers(read.attributes, need.attributes);
  if (!dropRole && groupsCovered && attributesCovered) return { input, diagnostics: [] };

  const diagnostics: Diagnostic[] = [];
  const unread = (column: number | undefined, what: string, left: string): void => {
    diagnostics.push({
      severity: "error",
      code: "PLAN_NOT_READ",
      file: desired.file,
      line: desired.headerLine,
      ...(column === undefined ? {} : { column }),
      message: `${vendor.id}: ${what} were not read, so ${left} out of this plan.`,
    });
  };
  const noun = vendor.capabilities.groupNoun;
  const columns = { ...desired.columns };
  if (dropRole) {
    unread(columns.role, "its account types", "the role column is left");
    delete columns.role;
  }
  // Groups named and only some of them read: keep those. Otherwise (none read, or every membership
  // needed under `exact`) memberships are left out altogether, and no scope removes any.
  const keepSome = !groupsCovered && typeof need.groups === "object" && typeof read.groups === "object";
  const keptGroups = keepSome ? desired.groupsNamed.filter((name) => needsName(read.groups, name)) : [];
  if (!groupsCovered) {
    const missing = typeof need.groups === "object" ? need.groups.named.filter((n) => !needsName(read.groups, n)) : [];
    const what =
      missing.length > 0
        ? `the members of ${noun} ${missing.map((name) => `"${name}"`).join(", ")}`
        : `its ${noun}s and their members`;
    unread(columns.groups, what, "these memberships are left");
    if (!keepSome) delete columns.groups;
  }
  const attributeColumns = { ...desired.attributeColumns };
  if (!attributesCovered) {
    for (const [name, column] of Object.entries(desired.attributeColumns)) {
      if (needsName(read.attributes, name)) continue;
      unread(column, `the values of user attribute "${name}"`, `column "attr:${name}" is left`);
      delete attributeColumns[name];
    }
  }
  const restrictRow = (user: DesiredUser): DesiredUser => {
    const { role, groups, attributes, ...rest } = user;
    const keptAttributes = Object.fromEntries(
      Object.entries(attributes).filter(([name]) => attributeColumns[name] !== undefined),
    );
    const rowGroups = groupsCovered
      ? groups
      : keepSome
        ? groups?.filter((name) => needsName(read.groups, name))
        : undefined;
    return {
      ...rest,
      attributes: keptAttributes,
      ...(role === undefined || dropRole ? {} : { role }),
      ...(rowGroups === undefined ? {} : { groups: rowGroups }),
    };
  };
  return {
    input: {
      ...input,
      desired: {
        ...desired,
        columns,
        attributeColumns,
        users: desired.users.map(restrictRow),
        groupsNamed: groupsCovered ? desired.groupsNamed : keptGroups,
      },
      policy: groupsCovered ? policy : { ...policy, groupScope: "listed" },
    },
    diagnostics,
  };
}
