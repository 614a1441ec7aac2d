import type { HttpRequest, QueryValue } from "../../http/types.js";
import type {
  SigmaAccountType,
  SigmaAccountTypePage,
  SigmaAttributeAssignment,
  SigmaAttributeValue,
  SigmaCreateMemberBody,
  SigmaCreateTeamBody,
  SigmaMember,
  SigmaPage,
  SigmaTeam,
  SigmaTeamMemberEntry,
  SigmaTeamMembersPatch,
  SigmaUpdateMemberBody,
  SigmaUserAttribute,
  SigmaWhoami,
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

/**
 * Sigma REST API v2, wire only: paths, paging, query names. No mapping, no policy.
 * Every listing sends `limit`, which switches `/v2/members` and `/v2/teams` from the legacy bare
 * array to the paged `{entries, nextPage}` envelope (SIG-SPEC note: "include the query parameter
 * `limit`"), and follows the opaque `nextPage` string until it is null.
 */
export function createSigmaClient(transport: SigmaTransport) {
  /**
   * Every entry of a listing. `keep` projects each entry as its page arrives, so a large listing
   * does not hold every raw object (a dozen fields per member) until the last page.
   */
  async function listAll<T, R = T>(
    path: string,
    label: string,
    query: Readonly<Record<string, QueryValue>> = {},
    onPage?: PageListener,
    keep: (item: T) => R = (item) => item as unknown as R,
  ): Promise<R[]> {
    const all: R[] = [];
    let page: string | undefined;
    for (;;) {
      const body = await transport.send<SigmaPage<T> | readonly T[]>({
        method: "GET",
        path,
        query: { ...query, limit: SIGMA_PAGE_LIMIT, page },
        label,
      });
      // Legacy mode answers a bare array of everything (docs/vendors/sigma.md#members `oneOf`); nothing more to fetch.
      if (Array.isArray(body)) {
        for (const item of body as readonly T[]) all.push(keep(item));
        onPage?.(all.length);
        return all;
      }
      const paged = body as SigmaPage<T>;
      for (const item of paged.entries ?? []) all.push(keep(item));
      onPage?.(all.length);
      if (typeof paged.nextPage !== "string" || paged.nextPage === "") return all;
      page = paged.nextPage;
    }
  }

  return {
    whoami: () => transport.send<SigmaWhoami>({ method: "GET", path: "/v2/whoami", label: "whoami" }),

    /** Every member, archived (deactivated) and SCIM-inactive ones included (docs/vendors/sigma.md#how-roster-reads). */
    listMembers: <R = SigmaMember>(onPage?: PageListener, keep?: (member: SigmaMember) => R) =>
      listAll<SigmaMember, R>(
        "/v2/members",
        "members.list",
        { includeArchived: true, includeInactive: true },
        onPage,
        keep,
      ),

    getMember: (memberId: string) =>
      transport.send<SigmaMember>({
        method: "GET",
        path: `/v2/members/${encodeURIComponent(memberId)}`,
        label: "members.get",
      }),

    /** Members whose address matches; used to settle an ambiguous create (docs/vendors/sigma.md#errors-and-rate-limits: POST is not idempotent). */
    findMembersByEmail: (email: string) =>
      listAll<SigmaMember>("/v2/members", "members.find", { email, includeArchived: true, includeInactive: true }),

    createMember: (body: SigmaCreateMemberBody, sendInvite: boolean) =>
      transport.send<SigmaMember>({
        method: "POST",
        path: "/v2/members",
        query: { sendInvite },
        json: body,
        label: "members.create",
      }),

    updateMember: (memberId: string, body: SigmaUpdateMemberBody) =>
      transport.send<SigmaMember>({
        method: "PATCH",
        path: `/v2/members/${encodeURIComponent(memberId)}`,
        json: body,
        label: "members.update",
      }),

    listTeams: (onPage?: PageListener) => listAll<SigmaTeam>("/v2/teams", "teams.list", {}, onPage),

    /** `name` is a search filter (SIG-SPEC teams); callers match the exact name themselves. */
    findTeamsByName: (name: string) => listAll<SigmaTeam>("/v2/teams", "teams.find", { name }),

    listTeamMembers: <R = SigmaTeamMemberEntry>(teamId: string, keep?: (entry: SigmaTeamMemberEntry) => R) =>
      listAll<SigmaTeamMemberEntry, R>(
        `/v2/teams/${encodeURIComponent(teamId)}/members`,
        "teams.members.list",
        {},
        undefined,
        keep,
      ),

    createTeam: (body: SigmaCreateTeamBody) =>
      transport.send<SigmaTeam>({ method: "POST", path: "/v2/teams", json: body, label: "teams.create" }),

    patchTeamMembers: (teamId: string, body: SigmaTeamMembersPatch) =>
      transport.send<unknown>({
        method: "PATCH",
        path: `/v2/teams/${encodeURIComponent(teamId)}/members`,
        json: body,
        label: "teams.members.update",
      }),

    listUserAttributes: () => listAll<SigmaUserAttribute>("/v2/user-attributes", "attributes.list"),

    listAttributeUsers: (attributeId: string) =>
      listAll<SigmaAttributeAssignment>(
        `/v2/user-attributes/${encodeURIComponent(attributeId)}/users`,
        "attributes.users.list",
      ),

    assignAttribute: (
      attributeId: string,
      assignments: readonly { readonly userId: string; readonly value: SigmaAttributeValue }[],
    ) =>
      transport.send<unknown>({
        method: "POST",
        path: `/v2/user-attributes/${encodeURIComponent(attributeId)}/users`,
        json: { assignments },
        // Setting the same values twice is harmless, so a lost answer may be retried.
        idempotent: true,
        label: "attributes.users.set",
      }),

    /** PATCH on `/users` "only supports deleting a user attribute assignment" (SIG-SPEC). */
    unassignAttribute: (attributeId: string, userIds: readonly string[]) =>
      transport.send<unknown>({
        method: "PATCH",
        path: `/v2/user-attributes/${encodeURIComponent(attributeId)}/users`,
        json: { delete: userIds.map((userId) => ({ userId })) },
        label: "attributes.users.delete",
      }),

    /** `GET /v2/accountTypes` pages with `pageToken`/`pageSize`/`nextPageToken`, unlike the rest (docs/vendors/sigma.md#account-types). */
    async listAccountTypes(): Promise<SigmaAccountType[]> {
      const all: SigmaAccountType[] = [];
      let pageToken: string | undefined;
      for (;;) {
        const body = await transport.send<SigmaAccountTypePage>({
          method: "GET",
          path: "/v2/accountTypes",
          query: { pageSize: SIGMA_PAGE_LIMIT, pageToken },
          label: "accountTypes.list",
        });
        all.push(...(body.entries ?? []));
        if (typeof body.nextPageToken !== "string" || body.nextPageToken === "") return all;
        pageToken = body.nextPageToken;
      }
    },
  };
}

export type SigmaClient = ReturnType<typeof createSigmaClient>;
