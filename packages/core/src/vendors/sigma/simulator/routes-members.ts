import type { SimHandler, SimRequest, SimResponse, SimRoute } from "../../../simulator/types.js";
import type { SigmaUserKind } from "../wire-types.js";
import {
  badRequest,
  duplicate,
  isRecord,
  notFound,
  ok,
  pageResponse,
  paginate,
  queryFlag,
  sigmaError,
} from "./responses.js";
import { authed } from "./routes-auth.js";
import type { SigmaSimStore, SimMember } from "./state.js";

const USER_KINDS: readonly string[] = ["internal", "guest", "embed"];

/** Member type names are matched case-insensitively and stored in the org's spelling (docs/vendors/sigma.md#account-types [U]). */
const unknownMemberType = (store: SigmaSimStore) =>
  sigmaError(store, 404, "not_found", "Member type name is not found");

/**
 * `GET /v2/members` and `/v2.1/members` (docs/vendors/sigma.md#members): archived and SCIM-inactive members are hidden
 * unless `includeArchived` / `includeInactive` is true; `email` is an exact match (case per config);
 * the deprecated `search` matches a substring of the email or name.
 */
function listMembers(store: SigmaSimStore, v21: boolean): SimHandler {
  return (request) => {
    const includeArchived = queryFlag(request, "includeArchived") === true;
    const includeInactive = queryFlag(request, "includeInactive") === true;
    const email = request.query.get("email");
    const search = request.query.get("search")?.toLowerCase();
    const sameEmail = (a: string, b: string) =>
      store.config.emailFilterCaseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
    const members = [...store.members.values()].filter(
      (member) =>
        (includeArchived || member.isArchived !== true) &&
        (includeInactive || member.isInactive !== true) &&
        (email === null || sameEmail(member.email, email)) &&
        (search === undefined ||
          `${member.email} ${member.firstName} ${member.lastName}`.toLowerCase().includes(search)),
    );
    return pageResponse(paginate(store, request, members, { legacy: !v21 }), v21);
  };
}

function withMember(
  store: SigmaSimStore,
  handler: (member: SimMember, request: SimRequest) => SimResponse,
): SimHandler {
  return (request) => {
    const member = store.members.get(request.params.id ?? "");
    return member === undefined ? notFound(store, "Member not found") : handler(member, request);
  };
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/** `POST /v2/members[?sendInvite=]` (docs/vendors/sigma.md#members): required email/firstName/lastName; 409 on a used email. */
function createMember(store: SigmaSimStore): SimHandler {
  return (request) => {
    const body = request.body;
    if (!isRecord(body)) return badRequest(store, "Request body must be a JSON object");
    for (const field of ["email", "firstName", "lastName"] as const) {
      if (!nonEmptyString(body[field])) return badRequest(store, `Missing required field: ${field}`);
    }
    const email = body.email as string;
    if (!email.includes("@")) return badRequest(store, "Invalid email");
    if (store.findMemberByEmail(email)) return duplicate(store);
    let memberType = store.config.invitationDefault;
    if (body.memberType !== undefined) {
      const type = typeof body.memberType === "string" ? store.findAccountType(body.memberType) : undefined;
      if (type === undefined) return unknownMemberType(store);
      memberType = type.accountTypeName;
    }
    const userKind = body.userKind ?? (body.isGuest === true ? "guest" : "internal");
    if (typeof userKind !== "string" || !USER_KINDS.includes(userKind)) return badRequest(store, "Invalid userKind");
    const teams = Array.isArray(body.addToTeams) ? body.addToTeams : [];
    for (const entry of teams) {
      if (!isRecord(entry) || typeof entry.teamId !== "string" || !store.teams.has(entry.teamId)) {
        return notFound(store, "Team not found");
      }
    }
    const member = store.addMember(
      {
        email,
        firstName: body.firstName as string,
        lastName: body.lastName as string,
        memberType,
        userKind: userKind as SigmaUserKind,
      },
      request.now,
    );
    for (const entry of teams as { teamId: string; isTeamAdmin?: unknown }[]) {
      store.teams.get(entry.teamId)?.members.set(member.memberId, {
        isTeamAdmin: entry.isTeamAdmin === true,
        addedBy: store.selfMemberId,
      });
    }
    // "Embed users never get an invitation" (docs/vendors/sigma.md#members); otherwise sendInvite defaults to true.
    if (queryFlag(request, "sendInvite") !== false && userKind !== "embed") store.invitations.push(email);
    return ok({ ...member });
  };
}

/** `PATCH /v2/members/{id}` (docs/vendors/sigma.md#members): every field optional; `{}` is accepted and changes nothing. */
function updateMember(store: SigmaSimStore): SimHandler {
  return withMember(store, (member, request) => {
    const body = request.body ?? {};
    if (!isRecord(body)) return badRequest(store, "Request body must be a JSON object");
    const next: Partial<SimMember> = {};
    if (body.memberType !== undefined) {
      const type = typeof body.memberType === "string" ? store.findAccountType(body.memberType) : undefined;
      if (type === undefined) return unknownMemberType(store);
      next.memberType = type.accountTypeName;
    }
    for (const field of ["firstName", "lastName"] as const) {
      if (body[field] === undefined) continue;
      if (typeof body[field] !== "string") return badRequest(store, `Invalid ${field}`);
      next[field] = body[field];
    }
    if (body.email !== undefined) {
      if (!nonEmptyString(body.email) || !body.email.includes("@")) return badRequest(store, "Invalid email");
      const holder = store.findMemberByEmail(body.email);
      if (holder !== undefined && holder.memberId !== member.memberId) return duplicate(store);
      next.email = body.email;
    }
    for (const flag of ["isArchived", "isInactive"] as const) {
      if (body[flag] === undefined) continue;
      if (typeof body[flag] !== "boolean") return badRequest(store, `Invalid ${flag}`);
      next[flag] = body[flag];
    }
    if (body.userKind !== undefined) {
      if (typeof body.userKind !== "string" || !USER_KINDS.includes(body.userKind)) {
        return badRequest(store, "Invalid userKind");
      }
      next.userKind = body.userKind as SigmaUserKind;
    }
    if (Object.keys(next).length > 0) {
      Object.assign(member, next, { updatedAt: new Date(request.now).toISOString(), updatedBy: store.selfMemberId });
    }
    return ok({ ...member });
  });
}

export function memberRoutes(store: SigmaSimStore): SimRoute[] {
  const routes: SimRoute[] = [
    { method: "GET", pattern: "/v2/members", name: "members.list", handler: listMembers(store, false) },
    { method: "GET", pattern: "/v2.1/members", name: "members.list.v2.1", handler: listMembers(store, true) },
    { method: "POST", pattern: "/v2/members", name: "members.create", handler: createMember(store) },
    {
      method: "GET",
      pattern: "/v2/members/:id",
      name: "members.get",
      handler: withMember(store, (member) => ok({ ...member })),
    },
    { method: "PATCH", pattern: "/v2/members/:id", name: "members.update", handler: updateMember(store) },
    {
      method: "DELETE",
      pattern: "/v2/members/:id",
      name: "members.delete",
      // Sigma cannot delete members: DELETE archives and answers `{}` (docs/vendors/sigma.md#members).
      handler: withMember(store, (member, request) => {
        Object.assign(member, { isArchived: true, updatedAt: new Date(request.now).toISOString() });
        return ok({});
      }),
    },
    {
      method: "GET",
      pattern: "/v2/members/:id/teams",
      name: "members.teams",
      handler: withMember(store, (member, request) => {
        const teams = [...store.teams.values()]
          .filter((team) => team.members.has(member.memberId))
          .map(({ members: _members, ...team }) => team);
        return pageResponse(paginate(store, request, teams), true);
      }),
    },
  ];
  return routes.map((route) => ({ ...route, handler: authed(store, route.handler) }));
}
