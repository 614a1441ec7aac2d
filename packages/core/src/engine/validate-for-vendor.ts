import type { Diagnostic } from "../diagnostics.js";
import type { DesiredState } from "../model/desired.js";
import type { Vendor, VendorModule } from "../vendors/vendor.js";

function diagnosticKey(d: Diagnostic): string {
  return `${d.code}\u0000${d.file}\u0000${d.line}\u0000${d.column ?? ""}\u0000${d.message}`;
}

/**
 * Adds the vendor's own offline row checks (`validateUser`: allowed values, identity-type rules)
 * to the desired state's diagnostics. Idempotent: a diagnostic already present (an adapter ran
 * the same check) is not added twice.
 */
export function validateForVendor(
  desired: DesiredState,
  vendor: Pick<Vendor | VendorModule, "validateUser">,
): DesiredState {
  if (vendor.validateUser === undefined) return desired;
  const columns: Record<string, number> = {};
  for (const [name, column] of Object.entries(desired.columns)) if (column !== undefined) columns[name] = column;
  for (const [name, column] of Object.entries(desired.attributeColumns)) columns[`attr:${name}`] = column;
  const seen = new Set(desired.diagnostics.map(diagnosticKey));
  const added: Diagnostic[] = [];
  for (const user of desired.users) {
    for (const diagnostic of vendor.validateUser(user, desired.file, columns)) {
      const key = diagnosticKey(diagnostic);
      if (seen.has(key)) continue;
      seen.add(key);
      added.push(diagnostic);
    }
  }
  return added.length === 0 ? desired : { ...desired, diagnostics: [...desired.diagnostics, ...added] };
}
