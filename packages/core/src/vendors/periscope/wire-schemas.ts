import { z } from "zod";
import { incompleteListing, parseWire, type WireRequest } from "../../http/wire-schema.js";
import type { WireId } from "./wire-types.js";

/**
 * zod schemas for the Periscope answers Roster reads, beside the wire types and assumptions they
 * check (wire-types.ts; the shared mechanism is http/wire-schema.ts). Periscope documents
 * little (https://dtdocs.sisense.com/article/user-and-group-management-api and
 * https://dtdocs.sisense.com/article/user-and-role-management-api-rbac show only the first screen),
 * so each schema accepts the plausible variants its ASSUMPTION names and nothing else: a shape that
 * fits none is VENDOR_PROTOCOL, never "no users".
 */

const VENDOR = "Periscope";

/** A membership reference normalised: at least one of id / name. */
export interface ParsedRef {
  readonly id?: string;
  /** The id as the server sent it, to send back unchanged (ASSUMPTION IDS). */
  readonly rawId?: WireId;
  readonly name?: string;
}

export interface ParsedUser {
  readonly id: string;
  readonly rawId: WireId;
  readonly email: string;
  readonly firstName?: string;
  readonly lastName?: string;
  /** v1 `groups` or v2 `roles`, whichever the user carries. */
  readonly refs: readonly ParsedRef[];
  readonly status?: string;
}

export interface ParsedGroup {
  readonly id: string;
  readonly rawId: WireId;
  readonly name: string;
}

/** ASSUMPTION IDS: a number or a non-empty string (trimmed). */
export const wireIdSchema = z.union([z.number().finite(), z.string().trim().min(1)]);

const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);

/** ASSUMPTION GROUP_REFS: `"Analysts"`, `7` or `{id, name}` (at least one of the two). */
export const refSchema = z.union([
  z
    .string()
    .min(1)
    .transform((name): ParsedRef => ({ name })),
  z
    .number()
    .finite()
    .transform((id): ParsedRef => ({ id: String(id), rawId: id })),
  z
    .object({ id: wireIdSchema.optional(), name: z.string().min(1).optional() })
    .refine((ref) => ref.id !== undefined || ref.name !== undefined, { message: "a reference needs an id or a name" })
    .transform(
      (ref): ParsedRef => ({
        ...(ref.id !== undefined && { id: String(ref.id), rawId: ref.id }),
        ...(ref.name !== undefined && { name: ref.name }),
      }),
    ),
]);

const refList = z
  .array(refSchema)
  .nullish()
  .transform((refs) => refs ?? []);

/** A user from `GET /api/v1/users` or `GET /api/v2/users` (docs/vendors/periscope.md#assumptions). */
export const userSchema = z
  .object({
    id: wireIdSchema,
    email: z.string().min(1),
    first_name: optionalText,
    last_name: optionalText,
    groups: refList,
    roles: refList,
    status: optionalText,
  })
  .transform(
    (user): ParsedUser => ({
      id: String(user.id),
      rawId: user.id,
      email: user.email,
      ...(user.first_name !== undefined && { firstName: user.first_name }),
      ...(user.last_name !== undefined && { lastName: user.last_name }),
      // v1 users carry `groups`, v2 users `roles`; a server could send both keys, one empty.
      refs: [...user.groups, ...user.roles],
      ...(user.status !== undefined && { status: user.status }),
    }),
  );

/** A v1 group or an RBAC role. */
export const groupSchema = z
  .object({ id: wireIdSchema, name: z.string().min(1) })
  .transform((group): ParsedGroup => ({ id: String(group.id), rawId: group.id, name: group.name }));

export interface ListPage<T> {
  readonly items: readonly T[];
  /** ASSUMPTION PAGINATION: `next_page_start`, as the dashboards listing pages. */
  readonly next: WireId | undefined;
  /** `items_this_page`, when the server says it (dashboards do). */
  readonly claimed: number | undefined;
}

/**
 * ASSUMPTION LIST_SHAPE: `{<key>: [...]}`, a bare array, `{data: [...]}` or `{data: {<key>: [...]}}`,
 * with the dashboards' cursor fields when the list is paged.
 */
export function listPageSchema<T>(key: string, item: z.ZodType<T>): z.ZodType<ListPage<T>> {
  const cursor = {
    next_page_start: wireIdSchema.nullish(),
    items_this_page: z.number().int().nonnegative().optional(),
  };
  const page = (
    items: readonly T[],
    body: { next_page_start?: WireId | null | undefined; items_this_page?: number | undefined },
  ) => ({
    items,
    next: body.next_page_start ?? undefined,
    claimed: body.items_this_page,
  });
  const named = z.object({ [key]: z.array(item), ...cursor }) as unknown as z.ZodType<
    Record<string, T[]> & { next_page_start?: WireId | null; items_this_page?: number }
  >;
  return z.union([
    z.array(item).transform((items) => page(items, {})),
    named.transform((body) => page(body[key] ?? [], body)),
    z.object({ data: z.array(item), ...cursor }).transform((body) => page(body.data, body)),
    (
      z.object({ data: z.object({ [key]: z.array(item) }), ...cursor }) as unknown as z.ZodType<{
        data: Record<string, T[]>;
        next_page_start?: WireId | null;
        items_this_page?: number;
      }>
    ).transform((body) => page(body.data[key] ?? [], body)),
  ]);
}

/** One page of a listing, checked: the shape, and `items_this_page` against what the page holds. */
export function parseListPage<T>(request: WireRequest, body: unknown, key: string, item: z.ZodType<T>): ListPage<T> {
  const page = parseWire(VENDOR, request, listPageSchema(key, item), body);
  if (page.claimed !== undefined && page.claimed !== page.items.length) {
    throw incompleteListing(
      VENDOR,
      request,
      `items_this_page says ${page.claimed}, the page holds ${page.items.length}`,
    );
  }
  return page;
}

/** ASSUMPTION SINGLE_SHAPE: the bare object or `{<key>|data: {...}}`. */
export function parseSingle<T>(request: WireRequest, body: unknown, key: string, item: z.ZodType<T>): T {
  const wrapped = z.union([z.object({ [key]: z.looseObject({}) }), z.object({ data: z.looseObject({}) })]);
  const inner = wrapped.safeParse(body);
  const single = inner.success ? (Object.values(inner.data)[0] as unknown) : body;
  return parseWire(VENDOR, request, item, single);
}

/**
 * The answer to a write, whose body Roster does not otherwise use: JSON (any object) after a 200 or
 * 201, or nothing after a 204. An HTML page, text or an empty 200 is not what the API answers to a
 * write it performed (every community sample prints the JSON it gets back), so it is not success.
 */
export function checkWriteAnswer(request: WireRequest, status: number, body: unknown): void {
  if (status === 204 && (body === undefined || body === "")) return;
  parseWire(VENDOR, request, z.union([z.looseObject({}), z.array(z.unknown())]), body);
}
