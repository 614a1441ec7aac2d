import type { ReadUsersCsvOptions } from "../csv/options.js";
import type { Diagnostic, DiagnosticCode } from "../diagnostics.js";
import type { DesiredState, DesiredUser } from "../model/desired.js";
import { reservedGroupMessage } from "../plan/plan-row.js";
import type { Vendor, VendorModule } from "../vendors/vendor.js";

/** What the offline checks need: a live vendor or a vendor module (no credentials). */
export type OfflineVendor = Pick<Vendor | VendorModule, "id" | "capabilities" | "validateUser">;

export type RowCheck = (user: DesiredUser, file: string, columns: Readonly<Record<string, number>>) => Diagnostic[];

/**
 * Values the vendor can never accept, whatever it holds: what the planner would reject later as
 * PLAN_UNSUPPORTED or PLAN_RESERVED_GROUP, with the same code and message, known from the
 * capabilities alone. (A row that
 * reactivates someone is not here: whether the user is deactivated needs the live vendor.)
 */
function capabilityChecks(vendor: OfflineVendor): RowCheck {
  const { capabilities, id } = vendor;
  return (user, file, columns) => {
    const out: Diagnostic[] = [];
    const add = (column: string, message: string, code: DiagnosticCode = "PLAN_UNSUPPORTED"): void => {
      const col = columns[column];
      out.push({
        severity: "error",
        code,
        file,
        line: user.line,
        message,
        ...(col === undefined ? {} : { column: col }),
      });
    };
    if (user.status === "deactivated" && !capabilities.deactivate) add("status", `${id} cannot deactivate users.`);
    if (user.newEmail !== undefined && user.newEmail !== user.email && !capabilities.renameEmail) {
      add("new_email", `${id} cannot change a user's email address.`);
    }
    // A group the vendor reserves by name (Adobe's admin roles, Periscope's Everyone) is known
    // without the live directory; one the directory marks reserved is left to plan.
    for (const group of user.groups ?? []) {
      if (capabilities.isReservedGroup(group)) {
        add("groups", reservedGroupMessage(group, capabilities.groupNoun, id), "PLAN_RESERVED_GROUP");
      }
    }
    return out;
  };
}

/**
 * Every offline row rule for a vendor, in one place: the capability checks above and the vendor's
 * own `validateUser` (allowed values, identity types, Adobe's group-name rules). `roster validate`,
 * the Action's offline path (fork pull requests) and `planForVendor` all use it, so a file that
 * validates never fails a plan for a reason that needed no vendor (validate-for-vendor.test.ts).
 */
export function vendorRowChecks(vendor: OfflineVendor): RowCheck {
  const capabilities = capabilityChecks(vendor);
  const own = vendor.validateUser?.bind(vendor);
  return (user, file, columns) => {
    const vendorOwn = own === undefined ? [] : own(user, file, columns);
    // The vendor's own rule on a group name (Adobe: no leading "_") says more than "reserved":
    // one problem per cell.
    const groupsFlagged = vendorOwn.some((d) => d.severity === "error" && d.column === columns.groups);
    const found = capabilities(user, file, columns).filter((d) => !(groupsFlagged && d.code === "PLAN_RESERVED_GROUP"));
    return [...found, ...vendorOwn];
  };
}

/**
 * How users.csv is read for a vendor: with its group separators and every offline row rule
 * (`vendorRowChecks`), so the CLI and the Action (a fork's pull request included) report the same
 * problems for the same file.
 */
export function vendorCsvOptions(vendor: OfflineVendor): ReadUsersCsvOptions {
  return { groupSeparators: vendor.capabilities.groupSeparators, validateUser: vendorRowChecks(vendor) };
}

function diagnosticKey(d: Diagnostic): string {
  return `${d.code}\u0000${d.file}\u0000${d.line}\u0000${d.column ?? ""}\u0000${d.message}`;
}

/**
 * Adds the vendor's offline row checks (`vendorRowChecks`) to the desired state's diagnostics, and
 * keeps the users they reject out of it, as the CSV reader does with its own row errors.
 * Idempotent: a diagnostic already present (the reader ran the same checks) is not added twice.
 */
export function validateForVendor(desired: DesiredState, vendor: OfflineVendor): DesiredState {
  const check = vendorRowChecks(vendor);
  const columns: Record<string, number> = {};
  for (const [name, column] of Object.entries(desired.columns)) if (column !== undefined) columns[name] = column;
  for (const [name, column] of Object.entries(desired.attributeColumns)) columns[`attr:${name}`] = column;
  const seen = new Set(desired.diagnostics.map(diagnosticKey));
  const added: Diagnostic[] = [];
  const rejected = new Set<DesiredUser>();
  for (const user of desired.users) {
    for (const diagnostic of check(user, desired.file, columns)) {
      if (diagnostic.severity === "error") rejected.add(user);
      const key = diagnosticKey(diagnostic);
      if (seen.has(key)) continue;
      seen.add(key);
      added.push(diagnostic);
    }
  }
  if (added.length === 0 && rejected.size === 0) return desired;
  return {
    ...desired,
    users: rejected.size === 0 ? desired.users : desired.users.filter((user) => !rejected.has(user)),
    diagnostics: [...desired.diagnostics, ...added],
  };
}
