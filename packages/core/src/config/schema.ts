import { z } from "zod";
import { ABSENT_USER_ACTIONS, GROUP_SCOPES } from "../model/policy.js";

/**
 * The shape of roster.yml (docs/roster-yml.md). Every object is strict: an unknown key is an
 * error with a "did you mean" (load-config.ts), never silently ignored, because a misspelt
 * `absent-user: deactivate` that did nothing would look reviewed and be wrong.
 */

const names = z.array(z.string().trim().min(1, "must not be empty")).min(1, "must list at least one name");
/** One name or a list: `sigma: Analytics` and `sigma: [Analytics]` mean the same. */
const nameOrNames = z.union([z.string().trim().min(1, "must not be empty"), names]);

const percent = z.union([
  z.number().min(0).max(100),
  z
    .string()
    .regex(/^\s*\d+(\.\d+)?\s*%?\s*$/, "must be a percentage such as 10 or 10%")
    .transform((text) => Number(text.trim().replace(/%$/, "")))
    .pipe(z.number().min(0).max(100)),
]);

/** Policy keys every vendor accepts (the CLI flags of the same names, policy.ts). */
export const policyShape = {
  "absent-users": z.enum(ABSENT_USER_ACTIONS).optional(),
  "group-scope": z.enum(GROUP_SCOPES).optional(),
  "create-groups": z.boolean().optional(),
  protect: z.array(z.string().trim().min(1)).optional(),
  "removal-threshold": percent.optional(),
  "removal-floor": z.number().int().min(0).optional(),
} as const;

export const sigmaShape = { ...policyShape } as const;
export const adobeShape = {
  ...policyShape,
  "default-identity-type": z.enum(["adobeID", "enterpriseID", "federatedID"]).optional(),
  "default-country": z
    .string()
    .regex(/^[A-Za-z]{2}$/, "must be a two-letter country code such as US")
    .optional(),
} as const;
export const periscopeShape = {
  ...policyShape,
  sites: names.optional(),
} as const;

/** A vendor written with no settings (`sigma:` alone) is managed with the default policy. */
const orEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => value ?? {}, schema);

export const vendorsShape = {
  sigma: orEmpty(z.strictObject(sigmaShape)).optional(),
  periscope: orEmpty(z.strictObject(periscopeShape)).optional(),
  adobe: orEmpty(z.strictObject(adobeShape)).optional(),
} as const;

export const rosterShape = {
  users: nameOrNames.optional(),
  vendors: z.strictObject(vendorsShape),
  // Mapping keys are checked in load-config.ts: a vendor id, or `periscope.<site>` for a listed site.
  groups: z.record(z.string().trim().min(1), orEmpty(z.record(z.string(), nameOrNames))).optional(),
} as const;

export const rosterSchema = z.strictObject(rosterShape);

export type RosterFile = z.output<typeof rosterSchema>;

/** The keys an object at `path` accepts, for "did you mean" (undefined: free-form keys). */
export function keysAt(path: readonly PropertyKey[]): readonly string[] | undefined {
  if (path.length === 0) return Object.keys(rosterShape);
  const [first, second] = path;
  if (first === "vendors") {
    if (path.length === 1) return Object.keys(vendorsShape);
    if (second === "sigma") return Object.keys(sigmaShape);
    if (second === "adobe") return Object.keys(adobeShape);
    if (second === "periscope") return Object.keys(periscopeShape);
  }
  return undefined;
}
