/**
 * Knobs for behaviour the Sigma docs leave unverified (docs/vendors/sigma.md#simulator, docs/vendors/sigma.md#open-questions). Defaults follow the
 * documented values, or the assumption docs/vendors/sigma.md#simulator states where Sigma documents nothing.
 */
export interface SigmaSimConfig {
  /** Page size when `limit` is absent on an always-paged route (50, AE-SIG conventions [S]). */
  readonly defaultPageSize: number;
  /** SIG-SPEC: "a maximum of 1,000 per request". */
  readonly maxLimit: number;
  /** A `limit` above the maximum: "clamp" silently or "reject" with 400 ([U]). */
  readonly overLimit: "clamp" | "reject";
  /** `/v2/members` and `/v2/teams` answer a bare array without `limit` (pre-2026-06-02 behaviour). */
  readonly legacyArrays: boolean;
  /** Whether the `email` filter ignores case ([U]; default insensitive). */
  readonly emailFilterCaseInsensitive: boolean;
  /** Max ids (add + remove) per `PATCH /v2/teams/{id}/members`; null = no cap ([U], 100 when enabled). */
  readonly teamPatchMaxIds: number | null;
  /** Max assignments per user-attribute POST/PATCH; null = no cap (100 documented for teams). */
  readonly attributeBatchMax: number | null;
  /** Token lifetime in seconds (SIG-HELP posttoken: one hour). */
  readonly tokenTtlSeconds: number;
  /** The account type a member gets when `memberType` is omitted (the org's "Invitation default"). */
  readonly invitationDefault: string;
}

export const defaultSigmaSimConfig: SigmaSimConfig = {
  defaultPageSize: 50,
  maxLimit: 1000,
  overLimit: "clamp",
  legacyArrays: true,
  emailFilterCaseInsensitive: true,
  teamPatchMaxIds: 100,
  attributeBatchMax: 100,
  tokenTtlSeconds: 3600,
  invitationDefault: "viewer",
};

/** Merges a partial config from `PUT /__sandbox/config`, keeping only known keys of the right type. */
export function mergeSigmaSimConfig(base: SigmaSimConfig, patch: unknown): SigmaSimConfig {
  if (typeof patch !== "object" || patch === null) return base;
  const next: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in base)) continue;
    const current = (base as unknown as Record<string, unknown>)[key];
    const nullable = key === "teamPatchMaxIds" || key === "attributeBatchMax";
    if (typeof value === typeof current || (nullable && (value === null || typeof value === "number"))) {
      next[key] = value;
    }
  }
  return next as unknown as SigmaSimConfig;
}
