import type { SigmaUserKind } from "../wire-types.js";

/**
 * The seed format of the Sigma simulator: JSON given to `startSigmaSimulator({ seed })`,
 * `POST /__sandbox/reset`, or `roster sandbox --vendor sigma --seed file.json`. Every field is
 * optional; an empty object is an organisation holding only the API client's own admin.
 *
 * ```json
 * {
 *   "organizationId": "org-demo",
 *   "client": { "clientId": "my-id", "clientSecret": "my-secret", "memberEmail": "api@acme.test" },
 *   "accountTypes": ["admin", "creator", "explorer", "viewer", "Analyst"],
 *   "teams": ["Sales", { "name": "Finance", "description": "FP&A", "visibility": "public" }],
 *   "userAttributes": ["region", { "name": "cost_center", "description": "GL code" }],
 *   "members": [
 *     { "email": "ana@acme.test", "firstName": "Ana", "lastName": "Ruiz", "memberType": "creator",
 *       "teams": ["Sales"], "attributes": { "region": "EMEA" } },
 *     { "email": "old@acme.test", "firstName": "Old", "lastName": "Timer", "memberType": "viewer",
 *       "isArchived": true }
 *   ]
 * }
 * ```
 *
 * - `client.memberEmail` names the member that owns the credentials (what `/v2/whoami` returns);
 *   when absent or not listed, an admin `api-client@<organizationId>.example` member is added.
 * - `teams` in a member must be listed in `teams`; `attributes` keys must be in `userAttributes`.
 * - `memberType` is matched case-insensitively against `accountTypes` and stored in its spelling.
 */
export interface SigmaSeedMember {
  readonly email: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly memberType?: string;
  readonly isArchived?: boolean;
  readonly isInactive?: boolean;
  readonly userKind?: SigmaUserKind;
  readonly teams?: readonly string[];
  readonly attributes?: Readonly<Record<string, string>>;
}

export interface SigmaSeedTeam {
  readonly name: string;
  readonly description?: string;
  readonly visibility?: "public" | "private";
}

export interface SigmaSeedAttribute {
  readonly name: string;
  readonly description?: string;
  readonly defaultValue?: string;
}

export interface SigmaSeed {
  readonly organizationId?: string;
  readonly client?: { readonly clientId?: string; readonly clientSecret?: string; readonly memberEmail?: string };
  readonly accountTypes?: readonly string[];
  readonly teams?: readonly (string | SigmaSeedTeam)[];
  readonly userAttributes?: readonly (string | SigmaSeedAttribute)[];
  readonly members?: readonly SigmaSeedMember[];
}

/** Credentials the simulator accepts when the seed names none (the demo's, printed by `roster sandbox`). */
export const SIGMA_DEMO_CLIENT_ID = "sigma-demo-client";
export const SIGMA_DEMO_CLIENT_SECRET = "sigma-demo-secret-0123456789";

export const SIGMA_BUILTIN_ACCOUNT_TYPES: readonly string[] = ["admin", "creator", "explorer", "viewer"];

/** Checks the shape of a seed read from JSON; throws a message that names the bad field. */
export function parseSigmaSeed(value: unknown): SigmaSeed {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw new Error("Sigma seed: expected a JSON object");
  const seed = value as SigmaSeed;
  for (const [index, member] of (seed.members ?? []).entries()) {
    if (typeof member?.email !== "string" || !member.email.includes("@")) {
      throw new Error(`Sigma seed: members[${index}].email must be an email address`);
    }
  }
  return seed;
}
