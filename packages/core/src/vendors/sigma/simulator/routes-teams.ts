import type { SimHandler, SimRequest, SimResponse, SimRoute } from "../../../simulator/types.js";
import { badRequest, duplicate, isRecord, notFound, ok, pageResponse, paginate } from "./responses.js";
import { authed } from "./routes-auth.js";
import type { SigmaSimStore, SimTeam } from "./state.js";

function teamBody({ members: _members, ...team }: SimTeam) {
  return { ...team };
}

function withTeam(store: SigmaSimStore, handler: (team: SimTeam, request: SimRequest) => SimResponse): SimHandler {
  return (request) => {
    const team = store.teams.get(request.params.id ?? "");
    return team === undefined ? notFound(store, "Team not found") : handler(team, request);
  };
}

/** `GET /v2/teams` (bare array without `limit`) and `/v2.1/teams` (always paged), filters per docs/vendors/sigma.md#teams. */
function listTeams(store: SigmaSimStore, v21: boolean): SimHandler {
  return (request) => {
    const name = request.query.get("name");
    const description = request.query.get("description");
    const visibility = request.query.get("visibility");
    const teams = [...store.teams.values()]
      .filter(
        (team) =>
          (name === null || team.name.toLowerCase().includes(name.toLowerCase())) &&
          (description === null || (team.description ?? "").toLowerCase().includes(description.toLowerCase())) &&
          (visibility === null || team.visibility === visibility),
      )
      .map(teamBody);
    return pageResponse(paginate(store, request, teams, { legacy: !v21 }), v21);
  };
}

function stringList(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  return Array.isArray(value) && value.every((item) => typeof item === "string") ? value : undefined;
}

/** `POST /v2/teams`: `name` required and unique ([U] 409 like members); `members` optional ids. */
function createTeam(store: SigmaSimStore): SimHandler {
  return (request) => {
    const body = request.body;
    if (!isRecord(body) || typeof body.name !== "string" || body.name.trim() === "") {
      return badRequest(store, "Missing required field: name");
    }
    const name = body.name;
    if ([...store.teams.values()].some((team) => team.name.toLowerCase() === name.toLowerCase())) {
      return duplicate(store);
    }
    const members = stringList(body.members);
    if (members === undefined) return badRequest(store, "members must be an array of member ids");
    if (members.some((id) => !store.members.has(id))) return badRequest(store, "Unknown member id");
    const visibility = body.visibility === "public" ? "public" : "private";
    const team = store.addTeam(name, request.now, {
      ...(typeof body.description === "string" ? { description: body.description } : {}),
      visibility,
    });
    for (const id of members) team.members.set(id, { isTeamAdmin: false, addedBy: store.selfMemberId });
    return ok({ ...teamBody(team), members, workspaceId: null });
  };
}

/**
 * `PATCH /v2/teams/{id}/members {add, remove}` (docs/vendors/sigma.md#teams): bare member ids; "Inactive members cannot
 * be added or removed from a team"; at most `teamPatchMaxIds` ids per call ([U], 400 above).
 * The whole request is validated before anything changes.
 */
function patchTeamMembers(store: SigmaSimStore): SimHandler {
  return withTeam(store, (team, request) => {
    const body = request.body;
    const add = isRecord(body) ? stringList(body.add) : undefined;
    const remove = isRecord(body) ? stringList(body.remove) : undefined;
    if (add === undefined || remove === undefined)
      return badRequest(store, "add and remove must be arrays of member ids");
    const max = store.config.teamPatchMaxIds;
    if (max !== null && add.length + remove.length > max) {
      return badRequest(store, `Too many members in one request: at most ${max} ids may be added or removed`);
    }
    for (const id of [...add, ...remove]) {
      const member = store.members.get(id);
      if (member === undefined) return badRequest(store, `Member ${id} not found`);
      if (member.isArchived === true || member.isInactive === true) {
        return badRequest(store, "Inactive members cannot be added or removed from a team.");
      }
    }
    for (const id of add) {
      if (!team.members.has(id)) team.members.set(id, { isTeamAdmin: false, addedBy: store.selfMemberId });
    }
    for (const id of remove) team.members.delete(id);
    return ok({});
  });
}

export function teamRoutes(store: SigmaSimStore): SimRoute[] {
  const routes: SimRoute[] = [
    { method: "GET", pattern: "/v2/teams", name: "teams.list", handler: listTeams(store, false) },
    { method: "GET", pattern: "/v2.1/teams", name: "teams.list.v2.1", handler: listTeams(store, true) },
    { method: "POST", pattern: "/v2/teams", name: "teams.create", handler: createTeam(store) },
    {
      method: "GET",
      pattern: "/v2/teams/:id",
      name: "teams.get",
      handler: withTeam(store, (team) => ok({ ...teamBody(team), members: [...team.members.keys()] })),
    },
    {
      method: "PATCH",
      pattern: "/v2/teams/:id",
      name: "teams.update",
      handler: withTeam(store, (team, request) => {
        const body = isRecord(request.body) ? request.body : {};
        if (typeof body.name === "string" && body.name.trim() !== "") team.name = body.name;
        if (typeof body.description === "string" || body.description === null) team.description = body.description;
        if (body.visibility === "public" || body.visibility === "private") team.visibility = body.visibility;
        team.updatedAt = new Date(request.now).toISOString();
        return ok(teamBody(team));
      }),
    },
    {
      method: "DELETE",
      pattern: "/v2/teams/:id",
      name: "teams.delete",
      handler: withTeam(store, (team) => {
        store.teams.delete(team.teamId);
        return ok({});
      }),
    },
    {
      method: "GET",
      pattern: "/v2/teams/:id/members",
      name: "teams.members.list",
      handler: withTeam(store, (team, request) => {
        const entries = [...team.members].map(([userId, entry]) => ({ userId, ...entry }));
        return pageResponse(paginate(store, request, entries), true);
      }),
    },
    {
      method: "PATCH",
      pattern: "/v2/teams/:id/members",
      name: "teams.members.update",
      handler: patchTeamMembers(store),
    },
  ];
  return routes.map((route) => ({ ...route, handler: authed(store, route.handler) }));
}
