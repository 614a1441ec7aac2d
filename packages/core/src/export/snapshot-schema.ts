import { z } from "zod";

/**
 * The directory snapshot `roster plan --state FILE` reads and `roster export --format snapshot`
 * writes: the vendor-neutral Directory model as JSON. docs/directory-snapshot.schema.json is
 * generated from this schema (`z.toJSONSchema`), and a test keeps the two equal. The reader
 * (vendors/memory/snapshot.ts) also accepts the hand-written conveniences described there.
 */
export const directorySnapshotSchema = z
  .object({
    self: z.string().optional().describe("Email of the identity whose credentials Roster uses (never changed)."),
    roles: z.array(z.string()).optional().describe("Account types the vendor accepts, as it spells them."),
    attributes: z.array(z.string()).optional().describe("User attribute names that exist in the vendor (Sigma)."),
    groups: z
      .array(
        z.union([
          z.string(),
          z.object({
            id: z.string().optional(),
            name: z.string(),
            reserved: z.boolean().optional().describe("Reserved by the vendor: never added to or removed from."),
            kind: z.string().optional().describe("Vendor-specific kind, e.g. Adobe USER_GROUP or PRODUCT_PROFILE."),
          }),
        ]),
      )
      .optional(),
    users: z.array(
      z.object({
        id: z.string().optional().describe("The vendor's own id; defaults to the email."),
        email: z.string(),
        firstName: z.string().optional(),
        lastName: z.string().optional(),
        role: z.string().optional(),
        status: z.enum(["active", "deactivated"]).optional().describe('Defaults to "active".'),
        groups: z.array(z.string()).optional().describe("Names of the groups (teams, roles, user groups, profiles)."),
        attributes: z.record(z.string(), z.string()).optional(),
        country: z.string().optional(),
        type: z.string().optional(),
        username: z.string().optional(),
        domain: z.string().optional(),
      }),
    ),
  })
  .describe("A Roster directory snapshot: what a vendor holds, as `roster plan --state` reads it.");

export type DirectorySnapshot = z.output<typeof directorySnapshotSchema>;

/** The JSON Schema of the snapshot (docs/directory-snapshot.schema.json). */
export function directorySnapshotJsonSchema(): unknown {
  return z.toJSONSchema(directorySnapshotSchema);
}
