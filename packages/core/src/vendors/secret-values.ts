import type { VendorSettings } from "./vendor.js";

/**
 * The secret values among settings, one by one, for the redactor and the Action's masks: each
 * setting named in `names` (a vendor module's `secretSettings`), whole and split at commas and
 * newlines. `PERISCOPE_API_KEY` holds one key per site (`key1,key2`), and a message may quote one
 * site's key alone: knowing only the joined list would let that key through (issue 11).
 */
export function secretValuesOf(settings: VendorSettings, names: readonly string[]): string[] {
  const values = new Set<string>();
  for (const name of names) {
    const value = settings[name];
    if (value === undefined || value.trim() === "") continue;
    values.add(value);
    for (const part of value.split(/[,\n]/)) if (part.trim() !== "") values.add(part.trim());
  }
  return [...values];
}
