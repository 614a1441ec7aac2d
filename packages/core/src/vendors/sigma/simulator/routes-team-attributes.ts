import type { SimHandler, SimRoute } from "../../../simulator/types.js";
import { badRequest, isRecord, notFound, ok, pageResponse, paginate } from "./responses.js";
import { authed } from "./routes-auth.js";
import type { SigmaSimStore } from "./state.js";

/** Team assignments "Maximum 100 … per request" is the one documented cap (SIG-SPEC, docs/vendors/sigma.md#user-attributes). */
const TEAM_ASSIGNMENT_MAX = 100;

/**
 * Team-level user attribute values (docs/vendors/sigma.md#user-attributes): `…/user-attributes/{id}/teams` (GET/POST/PATCH, DELETE
 * one) and `/v2/teams/{teamId}/assignedUserAttributes` + `/v2/teams/{teamId}/user-attributes`.
 * Roster does not manage these; they are here so the simulator is a faithful stand-in for tools.
 */
function assignToTeam(store: SigmaSimStore): SimHandler {
  return (request) => {
    const team = store.teams.get(request.params.id ?? "");
    if (team === undefined) return notFound(store, "Team not found");
    const assignments =
      isRecord(request.body) && Array.isArray(request.body.assignments) ? request.body.assignments : undefined;
    if (assignments === undefined) return badRequest(store, "Missing required field: assignments");
    if (assignments.length > TEAM_ASSIGNMENT_MAX) {
      return badRequest(store, `At most ${TEAM_ASSIGNMENT_MAX} assignments per request`);
    }
    const valid: { attributeId: string; val: string }[] = [];
    for (const entry of assignments) {
      const value = isRecord(entry) && isRecord(entry.value) ? entry.value : undefined;
      if (!isRecord(entry) || typeof entry.userAttributeId !== "string" || typeof value?.val !== "string") {
        return badRequest(store, 'Each assignment needs userAttributeId and value {type: "string", val}');
      }
      if (!store.attributes.has(entry.userAttributeId)) return notFound(store, "User attribute not found");
      valid.push({ attributeId: entry.userAttributeId, val: value.val });
    }
    for (const { attributeId, val } of valid) store.attributes.get(attributeId)?.teams.set(team.teamId, val);
    return ok({});
  };
}

export function teamAttributeRoutes(store: SigmaSimStore): SimRoute[] {
  const routes: SimRoute[] = [
    {
      method: "POST",
      pattern: "/v2/teams/:id/assignedUserAttributes",
      name: "teams.attributes.set",
      handler: assignToTeam(store),
    },
    {
      method: "GET",
      pattern: "/v2/teams/:id/user-attributes",
      name: "teams.attributes.list",
      handler: (request) => {
        const teamId = request.params.id ?? "";
        if (!store.teams.has(teamId)) return notFound(store, "Team not found");
        const entries = [...store.attributes.values()].flatMap((attribute) => {
          const val = attribute.teams.get(teamId);
          return val === undefined
            ? []
            : [
                {
                  userAttributeId: attribute.userAttributeId,
                  userAttributeName: attribute.name,
                  value: { type: "string", val },
                },
              ];
        });
        return pageResponse(paginate(store, request, entries), true);
      },
    },
    {
      method: "GET",
      pattern: "/v2/user-attributes/:id/teams",
      name: "attributes.teams.list",
      handler: (request) => {
        const attribute = store.attributes.get(request.params.id ?? "");
        if (attribute === undefined) return notFound(store, "User attribute not found");
        const entries = [...attribute.teams].map(([teamId, val], priority) => ({
          teamId,
          value: { type: "string", val },
          priority,
        }));
        return pageResponse(paginate(store, request, entries), true);
      },
    },
    {
      method: "POST",
      pattern: "/v2/user-attributes/:id/teams",
      name: "attributes.teams.set",
      handler: (request) => {
        const attribute = store.attributes.get(request.params.id ?? "");
        if (attribute === undefined) return notFound(store, "User attribute not found");
        const assignments =
          isRecord(request.body) && Array.isArray(request.body.assignments) ? request.body.assignments : undefined;
        if (assignments === undefined) return badRequest(store, "Missing required field: assignments");
        for (const entry of assignments) {
          const val = isRecord(entry) && isRecord(entry.value) ? entry.value.val : undefined;
          if (!isRecord(entry) || typeof entry.teamId !== "string" || typeof val !== "string") {
            return badRequest(store, 'Each assignment needs teamId and value {type: "string", val}');
          }
          if (!store.teams.has(entry.teamId)) return notFound(store, "Team not found");
        }
        for (const entry of assignments as { teamId: string; value: { val: string } }[]) {
          attribute.teams.set(entry.teamId, entry.value.val);
        }
        return ok({});
      },
    },
    {
      method: "PATCH",
      pattern: "/v2/user-attributes/:id/teams",
      name: "attributes.teams.delete",
      handler: (request) => {
        const attribute = store.attributes.get(request.params.id ?? "");
        if (attribute === undefined) return notFound(store, "User attribute not found");
        const entries = isRecord(request.body) && Array.isArray(request.body.delete) ? request.body.delete : undefined;
        if (entries === undefined) return badRequest(store, "Missing required field: delete");
        for (const entry of entries)
          if (isRecord(entry) && typeof entry.teamId === "string") attribute.teams.delete(entry.teamId);
        return ok({});
      },
    },
    {
      method: "DELETE",
      pattern: "/v2/user-attributes/:id/teams/:teamId",
      name: "attributes.teams.deleteOne",
      handler: (request) => {
        const attribute = store.attributes.get(request.params.id ?? "");
        if (attribute === undefined) return notFound(store, "User attribute not found");
        attribute.teams.delete(request.params.teamId ?? "");
        return ok({});
      },
    },
  ];
  return routes.map((route) => ({ ...route, handler: authed(store, route.handler) }));
}
