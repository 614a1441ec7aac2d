import type { SimHandler, SimRequest, SimResponse, SimRoute } from "../../../simulator/types.js";
import { badRequest, duplicate, isRecord, notFound, ok, pageResponse, paginate } from "./responses.js";
import { authed } from "./routes-auth.js";
import type { SigmaSimStore, SimAttribute } from "./state.js";

function attributeBody({ users: _users, teams: _teams, ...attribute }: SimAttribute) {
  return { ...attribute };
}

function withAttribute(
  store: SigmaSimStore,
  handler: (attribute: SimAttribute, request: SimRequest) => SimResponse,
): SimHandler {
  return (request) => {
    const attribute = store.attributes.get(request.params.id ?? "");
    return attribute === undefined ? notFound(store, "User attribute not found") : handler(attribute, request);
  };
}

function tooMany(store: SigmaSimStore, count: number): SimResponse | undefined {
  const max = store.config.attributeBatchMax;
  return max !== null && count > max ? badRequest(store, `At most ${max} assignments per request`) : undefined;
}

/** `POST /v2/user-attributes/{id}/users {assignments:[{userId, value:{type:"string", val}}]}` (docs/vendors/sigma.md#user-attributes). */
function assignUsers(store: SigmaSimStore): SimHandler {
  return withAttribute(store, (attribute, request) => {
    const body = request.body;
    const assignments = isRecord(body) && Array.isArray(body.assignments) ? body.assignments : undefined;
    if (assignments === undefined) return badRequest(store, "Missing required field: assignments");
    const rejected = tooMany(store, assignments.length);
    if (rejected) return rejected;
    const valid: { userId: string; val: string }[] = [];
    for (const entry of assignments) {
      const value = isRecord(entry) && isRecord(entry.value) ? entry.value : undefined;
      if (
        !isRecord(entry) ||
        typeof entry.userId !== "string" ||
        value?.type !== "string" ||
        typeof value.val !== "string"
      ) {
        return badRequest(store, 'Each assignment needs userId and value {type: "string", val}');
      }
      if (!store.members.has(entry.userId)) return notFound(store, `Member ${entry.userId} not found`);
      valid.push({ userId: entry.userId, val: value.val });
    }
    const at = new Date(request.now).toISOString();
    for (const { userId, val } of valid) {
      const previous = attribute.users.get(userId);
      attribute.users.set(userId, {
        value: { type: "string", val },
        createdBy: previous?.createdBy ?? store.selfMemberId,
        updatedBy: store.selfMemberId,
        createdAt: previous?.createdAt ?? at,
        updatedAt: at,
      });
    }
    return ok({});
  });
}

/** `PATCH …/users {delete:[{userId}]}`: "Currently, this endpoint only supports deleting" (SIG-SPEC). */
function unassignUsers(store: SigmaSimStore): SimHandler {
  return withAttribute(store, (attribute, request) => {
    const body = request.body;
    const entries = isRecord(body) && Array.isArray(body.delete) ? body.delete : undefined;
    if (entries === undefined) return badRequest(store, "Missing required field: delete");
    const rejected = tooMany(store, entries.length);
    if (rejected) return rejected;
    const ids: string[] = [];
    for (const entry of entries) {
      if (!isRecord(entry) || typeof entry.userId !== "string") return badRequest(store, "Each entry needs userId");
      ids.push(entry.userId);
    }
    for (const id of ids) attribute.users.delete(id);
    return ok({});
  });
}

export function attributeRoutes(store: SigmaSimStore): SimRoute[] {
  const routes: SimRoute[] = [
    {
      method: "GET",
      pattern: "/v2/user-attributes",
      name: "attributes.list",
      handler: (request) => {
        const name = request.query.get("name")?.toLowerCase();
        const items = [...store.attributes.values()]
          .filter((attribute) => name === undefined || attribute.name.toLowerCase().includes(name))
          .map(attributeBody);
        return pageResponse(paginate(store, request, items), true);
      },
    },
    {
      method: "POST",
      pattern: "/v2/user-attributes",
      name: "attributes.create",
      handler: (request) => {
        const body = request.body;
        if (!isRecord(body) || typeof body.name !== "string" || body.name.trim() === "") {
          return badRequest(store, "Missing required field: name");
        }
        const name = body.name;
        if ([...store.attributes.values()].some((attribute) => attribute.name === name)) return duplicate(store);
        const defaultValue =
          isRecord(body.defaultValue) && typeof body.defaultValue.val === "string" ? body.defaultValue.val : undefined;
        const attribute = store.addAttribute(name, request.now, {
          ...(typeof body.description === "string" ? { description: body.description } : {}),
          ...(defaultValue === undefined ? {} : { defaultValue }),
        });
        return ok(attributeBody(attribute));
      },
    },
    {
      method: "GET",
      pattern: "/v2/user-attributes/:id",
      name: "attributes.get",
      handler: withAttribute(store, (attribute) => ok(attributeBody(attribute))),
    },
    {
      method: "DELETE",
      pattern: "/v2/user-attributes/:id",
      name: "attributes.delete",
      handler: withAttribute(store, (attribute) => {
        store.attributes.delete(attribute.userAttributeId);
        return ok({});
      }),
    },
    {
      method: "GET",
      pattern: "/v2/user-attributes/:id/users",
      name: "attributes.users.list",
      handler: withAttribute(store, (attribute, request) => {
        const entries = [...attribute.users].map(([userId, assignment]) => ({ userId, ...assignment }));
        return pageResponse(paginate(store, request, entries), true);
      }),
    },
    {
      method: "POST",
      pattern: "/v2/user-attributes/:id/users",
      name: "attributes.users.set",
      handler: assignUsers(store),
    },
    {
      method: "PATCH",
      pattern: "/v2/user-attributes/:id/users",
      name: "attributes.users.delete",
      handler: unassignUsers(store),
    },
    {
      method: "DELETE",
      pattern: "/v2/user-attributes/:id/users/:userId",
      name: "attributes.users.deleteOne",
      handler: withAttribute(store, (attribute, request) => {
        attribute.users.delete(request.params.userId ?? "");
        return ok({});
      }),
    },
  ];
  return routes.map((route) => ({ ...route, handler: authed(store, route.handler) }));
}
