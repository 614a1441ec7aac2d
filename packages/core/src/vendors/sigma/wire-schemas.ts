import { z } from "zod";

/**
 * zod schemas for the Sigma answers Roster reads, beside the wire types they check
 * (wire-types.ts). Only the fields Roster uses are checked; others are dropped as a page arrives.
 * Field names and nullability follow Sigma's published API reference:
 * https://help.sigmacomputing.com/reference/listmembers (members),
 * https://help.sigmacomputing.com/reference/listteams (teams and team members),
 * https://help.sigmacomputing.com/reference/listuserattributes (user attributes),
 * https://help.sigmacomputing.com/reference/listaccounttypes (account types),
 * https://help.sigmacomputing.com/reference/whoami (whoami).
 */

const id = z.string().min(1);
/**
 * Invited members may still have empty (or, defensively, null) names; the mapping reads all three as
 * no name. Not a transform to "" here: each zod transform allocates its own result per value, which
 * was 50 MB of garbage for the two names of 100,000 members (mapping.ts `toCurrentUser`).
 */
const name = z.string().nullish();

/** `POST /v2/auth/token` (https://help.sigmacomputing.com/reference/posttoken): `expires_in` in seconds. */
export const tokenSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  token_type: z.string().optional(),
  expires_in: z.number().positive().optional(),
});

/** `GET /v2/whoami`: the identity Roster protects, so `userId` must be there, a non-empty string. */
export const whoamiSchema = z.object({ userId: id, organizationId: z.string().optional() });

export const memberSchema = z.object({
  memberId: id,
  email: z.string().min(1),
  firstName: name,
  lastName: name,
  memberType: z.string(),
  isArchived: z.boolean().optional(),
  isInactive: z.boolean().optional(),
});
export type SigmaMemberAnswer = z.output<typeof memberSchema>;

export const teamSchema = z.object({ teamId: id, name: z.string().min(1) });
export type SigmaTeamAnswer = z.output<typeof teamSchema>;

export const teamMemberSchema = z.object({ userId: id });

export const userAttributeSchema = z.object({ userAttributeId: id, name: z.string().min(1) });

export const attributeAssignmentSchema = z.object({
  userId: id,
  value: z.object({ val: z.string() }),
});

export const accountTypeSchema = z.object({ accountTypeName: z.string().min(1) });

/**
 * The paged envelope every listing answers once `limit` is sent: `entries` and `nextPage` (null on
 * the last page), with `total` on the routes that count. A bare array (the legacy answer without
 * `limit`) is not accepted: Roster always sends `limit`, so a bare array is not the paged API.
 */
export function sigmaPageSchema<T extends z.ZodType>(entry: T) {
  return z.object({
    entries: z.array(entry),
    nextPage: z.string().nullable(),
    total: z.number().int().nonnegative().optional(),
  });
}

/** `GET /v2/accountTypes`: `nextPageToken` instead of `nextPage`, absent on the last page. */
export const accountTypePageSchema = z.object({
  entries: z.array(accountTypeSchema),
  nextPageToken: z.string().optional(),
});
