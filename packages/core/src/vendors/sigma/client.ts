import type { z } from "zod";
import type { HttpRequest, QueryValue } from "../../http/types.js";
import { anyJsonObject, parseWire, trackListing } from "../../http/wire-schema.js";
import {
  accountTypePageSchema,
  attributeAssignmentSchema,
  memberSchema,
  type SigmaMemberAnswer,
  sigmaPageSchema,
  teamMemberSchema,
  teamSchema,
  userAttributeSchema,
  whoamiSchema,
} from "./wire-schemas.js";
import type {
  SigmaAttributeValue,
  SigmaCreateMemberBody,
  SigmaCreateTeamBody,
  SigmaTeamMembersPatch,
  SigmaUpdateMemberBody,
} from "./wire-types.js";

/** Largest page every Sigma list endpoint accepts (SIG-SPEC `limit`: "maximum of 1,000 per request"). */
export const SIGMA_PAGE_LIMIT = 1000;
/** Ids per `PATCH /v2/teams/{id}/members`: the cap is undocumented (docs/vendors/sigma.md#teams [U]); 100 is the safe choice. */
export const SIGMA_TEAM_PATCH_MAX_IDS = 100;
/** Assignments per user-attribute call: Sigma documents "Maximum 100 … per request" for team assignments (docs/vendors/sigma.md#user-attributes). */
export const SIGMA_ATTRIBUTE_BATCH = 100;

/** The transport the client needs: one JSON request, the parsed body back (the shared HTTP client). */
export interface SigmaTransport {
  send<T>(request: HttpRequest): Promise<T>;
}

/** Called after each page of a listing with the running count. */
export type PageListener = (fetched: number) => void;

const VENDOR = "Sigma";

/**
 * Sigma REST API v2, wire only: paths, paging, query names. No mapping, no policy.
 * Every listing sends `limit`, which switches `/v2/members` and `/v2/teams` from the legacy bare
 * array to the paged `{entries, nextPage}` envelope (SIG-SPEC note: "include the query parameter
 * `limit`"), and follows the opaque `nextPage` string until it is null.
 *
 * Every answer is checked against its schema (wire-schemas.ts) before use, and every listing
 * against the `total` its pages claim (reliability/sigma-corrupt-reads.test.ts): a bad answer is `VENDOR_PROTOCOL`, never "empty".
 */
export function createSigmaClient(transport: SigmaTransport) {
  async function call<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<z.output<S>> {
    return parseWire(VENDOR, request, schema, await transport.send<unknown>(request));
  }

  /**
   * Every entry of a listing. `keep` projects each entry as its page arrives, so a large listing
   * does not hold every raw object (a dozen fields per member) until the last page.
   */
  async function listAll<S extends z.ZodType, R = z.output<S>>(
    path: string,
    label: string,
    entry: S,
    query: Readonly<Record<string, QueryValue>> = {},
    onPage?: PageListener,
    keep: (item: z.output<S>) => R = (item) => item as R,
  ): Promise<R[]> {
    const all: R[] = [];
    const pageSchema = sigmaPageSchema(entry);
    const tracker = trackListing(VENDOR, { method: "GET", path });
    let page: string | undefined;
    for (;;) {
      const body = await call(
        { method: "GET", path, query: { ...query, limit: SIGMA_PAGE_LIMIT, page }, label },
        pageSchema,
      );
      const next = body.nextPage === null || body.nextPage === "" ? undefined : body.nextPage;
      tracker.page(body.entries.length, body.total, next);
      for (const item of body.entries) all.push(keep(item as z.output<S>));
      onPage?.(all.length);
      if (next === undefined) {
        tracker.finish();
        return all;
      }
      page = next;
    }
  }

  return {
    /** The credentials' own identity (SIG-SPEC whoami); a missing or empty `userId` stops the run. */
    whoami: () => call({ method: "GET", path: "/v2/whoami", label: "whoami" }, whoamiSchema),

    /** Every member, archived (deactivated) and SCIM-inactive ones included (docs/vendors/sigma.md#how-roster-reads). */
    listMembers: <R = SigmaMemberAnswer>(onPage?: PageListener, keep?: (member: SigmaMemberAnswer) => R) =>
      listAll(
        "/v2/members",
        "members.list",
        memberSchema,
        { includeArchived: true, includeInactive: true },
        onPage,
        keep,
      ),

    getMember: (memberId: string) =>
      call({ method: "GET", path: `/v2/members/${encodeURIComponent(memberId)}`, label: "members.get" }, memberSchema),

    /** Members whose address matches; used to settle an ambiguous create (docs/vendors/sigma.md#errors-and-rate-limits: POST is not idempotent). */
    findMembersByEmail: (email: string) =>
      listAll("/v2/members", "members.find", memberSchema, { email, includeArchived: true, includeInactive: true }),

    createMember: (body: SigmaCreateMemberBody, sendInvite: boolean) =>
      call(
        { method: "POST", path: "/v2/members", query: { sendInvite }, json: body, label: "members.create" },
        memberSchema,
      ),

    updateMember: (memberId: string, body: SigmaUpdateMemberBody) =>
      call(
        {
          method: "PATCH",
          path: `/v2/members/${encodeURIComponent(memberId)}`,
          json: body,
          label: "members.update",
        },
        memberSchema,
      ),

    listTeams: (onPage?: PageListener) => listAll("/v2/teams", "teams.list", teamSchema, {}, onPage),

    /** `name` is a search filter (SIG-SPEC teams); callers match the exact name themselves. */
    findTeamsByName: (name: string) => listAll("/v2/teams", "teams.find", teamSchema, { name }),

    listTeamMembers: <R = string>(teamId: string, keep?: (entry: { readonly userId: string }) => R) =>
      listAll(
        `/v2/teams/${encodeURIComponent(teamId)}/members`,
        "teams.members.list",
        teamMemberSchema,
        {},
        undefined,
        keep ?? ((entry) => entry.userId as R),
      ),

    createTeam: (body: SigmaCreateTeamBody) =>
      call({ method: "POST", path: "/v2/teams", json: body, label: "teams.create" }, teamSchema),

    patchTeamMembers: (teamId: string, body: SigmaTeamMembersPatch) =>
      call(
        {
          method: "PATCH",
          path: `/v2/teams/${encodeURIComponent(teamId)}/members`,
          json: body,
          label: "teams.members.update",
        },
        anyJsonObject,
      ),

    listUserAttributes: () => listAll("/v2/user-attributes", "attributes.list", userAttributeSchema),

    listAttributeUsers: (attributeId: string) =>
      listAll(
        `/v2/user-attributes/${encodeURIComponent(attributeId)}/users`,
        "attributes.users.list",
        attributeAssignmentSchema,
      ),

    assignAttribute: (
      attributeId: string,
      assignments: readonly { readonly userId: string; readonly value: SigmaAttributeValue }[],
    ) =>
      call(
        {
          method: "POST",
          path: `/v2/user-attributes/${encodeURIComponent(attributeId)}/users`,
          json: { assignments },
          // Setting the same values twice is harmless, so a lost answer may be retried.
          idempotent: true,
          label: "attributes.users.set",
        },
        anyJsonObject,
      ),

    /** PATCH on `/users` "only supports deleting a user attribute assignment" (SIG-SPEC). */
    unassignAttribute: (attributeId: string, userIds: readonly string[]) =>
      call(
        {
          method: "PATCH",
          path: `/v2/user-attributes/${encodeURIComponent(attributeId)}/users`,
          json: { delete: userIds.map((userId) => ({ userId })) },
          label: "attributes.users.delete",
        },
        anyJsonObject,
      ),

    /** `GET /v2/accountTypes` pages with `pageToken`/`pageSize`/`nextPageToken`, unlike the rest (docs/vendors/sigma.md#account-types). */
    async listAccountTypes(): Promise<{ readonly accountTypeName: string }[]> {
      const all: { readonly accountTypeName: string }[] = [];
      const path = "/v2/accountTypes";
      const tracker = trackListing(VENDOR, { method: "GET", path });
      let pageToken: string | undefined;
      for (;;) {
        const body = await call(
          { method: "GET", path, query: { pageSize: SIGMA_PAGE_LIMIT, pageToken }, label: "accountTypes.list" },
          accountTypePageSchema,
        );
        all.push(...body.entries);
        const next = body.nextPageToken === "" ? undefined : body.nextPageToken;
        tracker.page(body.entries.length, undefined, next);
        if (next === undefined) return all;
        pageToken = next;
      }
    },
  };
}

export type SigmaClient = ReturnType<typeof createSigmaClient>;
