import { z } from "zod";

/**
 * zod schemas for the UMAPI answers Roster reads, beside the wire types they check
 * (wire-types.ts). Field names and shapes from Adobe's User Management API reference:
 * https://adobe-apiplatform.github.io/umapi-documentation/en/api/getUsersWithPage.html (users pages),
 * https://adobe-apiplatform.github.io/umapi-documentation/en/api/getUserGroupsAndProfiles.html (groups),
 * https://adobe-apiplatform.github.io/umapi-documentation/en/api/ActionsRef.html (action responses).
 */

/**
 * The IMS OAuth Server-to-Server token answer; `expires_in` in seconds
 * (https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation/).
 */
export const imsTokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
});

const IDENTITY_TYPES = ["adobeID", "enterpriseID", "federatedID", "unknown"] as const;

/**
 * A listed user. `email` is the key Roster matches on, so it must be there; the other fields are
 * omitted by the API when empty. An identity type Roster does not know reads as "unknown".
 */
export const umapiUserSchema = z.object({
  id: z.string().optional(),
  email: z.string().min(1),
  status: z.string().optional(),
  username: z.string().optional(),
  domain: z.string().optional(),
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  country: z.string().optional(),
  type: z.enum(IDENTITY_TYPES).catch("unknown").optional(),
  groups: z.array(z.string()).optional(),
  // The admin roles UMAPI lists for an administrator ("org", "support", "deployment", "productAdmin",
  // …; getUsersWithPage.html above): the safety rule that never removes an admin reads them.
  adminRoles: z.array(z.string()).optional(),
});
export type UmapiUserAnswer = z.output<typeof umapiUserSchema>;

/** `GET /users/{orgId}/{page}`: `lastPage`, `result` and the page's `users`, all required. */
export const umapiUsersPageSchema = z.object({
  lastPage: z.boolean(),
  result: z.string(),
  users: z.array(umapiUserSchema),
});

export const umapiGroupSchema = z.object({
  groupName: z.string().min(1),
  type: z.string().min(1),
  groupId: z.union([z.number(), z.string()]).optional(),
  memberCount: z.number().int().nonnegative().optional(),
});
export type UmapiGroupAnswer = z.output<typeof umapiGroupSchema>;

/** `GET /groups/{orgId}/{page}`. */
export const umapiGroupsPageSchema = z.object({
  lastPage: z.boolean(),
  result: z.string(),
  groups: z.array(umapiGroupSchema),
});

/** The statuses of a 200 action body that describe entries; any other is a request-level key. */
export const ENTRY_RESULTS: ReadonlySet<string> = new Set(["success", "partial", "error"]);

const count = z.number().int().nonnegative();

/**
 * `POST /action/{orgId}`: `result` always; the per-entry counts whenever `result` describes entries
 * (ActionsRef: "completed", "notCompleted", "completedInTestMode"); `errors` and `warnings` only when
 * not empty. A request-level key (`error.command.malformed`) comes with a `message` instead.
 */
export const actionResponseSchema = z
  .object({
    completed: count.optional(),
    notCompleted: count.optional(),
    completedInTestMode: count.optional(),
    result: z.string().min(1),
    message: z.string().optional(),
    errors: z
      .array(
        z.object({
          index: count,
          step: count,
          requestID: z.string().optional(),
          message: z.string(),
          user: z.string().optional(),
          usergroup: z.string().optional(),
          errorCode: z.string(),
        }),
      )
      .optional(),
    warnings: z
      .array(
        z.object({
          index: count,
          step: count,
          message: z.string(),
          user: z.string().optional(),
          warningCode: z.string(),
        }),
      )
      .optional(),
  })
  .refine(
    (body) => !ENTRY_RESULTS.has(body.result) || (body.completed !== undefined && body.notCompleted !== undefined),
    {
      message: "completed and notCompleted are required when result describes the entries",
      path: ["completed"],
    },
  );
