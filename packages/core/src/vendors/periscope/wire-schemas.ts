import { z } from "zod";
import { VendorProtocolError } from "../../errors.js";
import { incompleteListing, parseWire, parseWireAt, requestName, type WireRequest } from "../../http/wire-schema.js";
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

/**
 * Text that may be missing or null; the user's transform turns null into "absent". Left as plain
 * fields, not a transform of their own each: every zod transform allocates its own result per
 * value, and a 100,000-user listing checks 500,000 of these.
 */
const optionalText = z.string().nullish();

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

/** Membership references that may be missing or null (none); see `optionalText`. */
const refList = z.array(refSchema).nullish();

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
      ...(user.first_name != null && { firstName: user.first_name }),
      ...(user.last_name != null && { lastName: user.last_name }),
      // v1 users carry `groups`, v2 users `roles`; a server could send both keys, one empty.
      refs: [...(user.groups ?? []), ...(user.roles ?? [])],
      ...(user.status != null && { status: user.status }),
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

/** Where a page's list sits in the body: `[]`, `[key]`, `["data"]` or `["data", key]`. */
type ListAt = readonly string[];

/** A page's list, where it sits, and the page's cursor fields (`ListPage`). */
interface FoundList<L> {
  readonly list: L;
  readonly at: ListAt;
  readonly next: WireId | undefined;
  readonly claimed: number | undefined;
}

/**
 * ASSUMPTION LIST_SHAPE: `{<key>: [...]}`, a bare array, `{data: [...]}` or `{data: {<key>: [...]}}`,
 * with the dashboards' cursor fields when the list is paged; `list` checks the list itself.
 */
function listShapes<L>(key: string, list: z.ZodType<L>): z.ZodType<FoundList<L>> {
  const cursor = {
    next_page_start: wireIdSchema.nullish(),
    items_this_page: z.number().int().nonnegative().optional(),
  };
  type Cursor = { next_page_start?: WireId | null | undefined; items_this_page?: number | undefined };
  const found = (value: L, at: ListAt, body: Cursor): FoundList<L> => ({
    list: value,
    at,
    next: body.next_page_start ?? undefined,
    claimed: body.items_this_page,
  });
  return z.union([
    list.transform((value) => found(value, [], {})),
    (z.object({ [key]: list, ...cursor }) as unknown as z.ZodType<Record<string, L> & Cursor>).transform((body) =>
      found(body[key] as L, [key], body),
    ),
    z.object({ data: list, ...cursor }).transform((body) => found(body.data as L, ["data"], body)),
    (
      z.object({ data: z.object({ [key]: list }), ...cursor }) as unknown as z.ZodType<
        { data: Record<string, L> } & Cursor
      >
    ).transform((body) => found(body.data[key] as L, ["data", key], body)),
  ]);
}

/**
 * The places `listShapes` looks for a page's list, in its order: where a listing read as it streams
 * in (read-list-page.ts) takes the first array it meets.
 */
export function listPlaces(key: string): readonly ListAt[] {
  return [[], [key], ["data"], ["data", key]];
}

/** A whole page with its items checked, in one pass (the v1 single-user read, client.ts). */
export function listPageSchema<T>(key: string, item: z.ZodType<T>): z.ZodType<ListPage<T>> {
  return listShapes(key, z.array(item)).transform(({ list, next, claimed }) => ({ items: list, next, claimed }));
}

export function checkClaimed(request: WireRequest, claimed: number | undefined, held: number): void {
  if (claimed !== undefined && claimed !== held) {
    throw incompleteListing(VENDOR, request, `items_this_page says ${claimed}, the page holds ${held}`);
  }
}

/**
 * The body's own array, unchecked and uncopied. `abort`, as a failed `z.array` check aborts, so a
 * body that fits no shape is reported exactly as by `listPageSchema` (one union issue, "the body").
 */
const rawItems = z.custom<unknown[]>((value) => Array.isArray(value), { abort: true });

/** A page whose envelope is checked; `each` checks and hands over its items. */
export interface OpenListPage {
  /** ASSUMPTION PAGINATION: `next_page_start`. */
  readonly next: WireId | undefined;
  /** `items_this_page`, when the server says it. */
  readonly claimed: number | undefined;
  /**
   * Checks each item against `item` and hands it to `keep`, in order, clearing its slot in the body
   * once kept; then `items_this_page` against the page. Once per page.
   */
  each<T>(item: z.ZodType<T>, keep: (item: T) => void): void;
}

/**
 * One page of a listing, checked item by item so a page of 100,000 users is never held twice (the
 * raw objects and a checked copy of them all): `openListPage` checks the envelope (its shape and
 * cursor, as `listPageSchema` does; the items stay the body's own array), `each` then checks each
 * item and hands it on, clearing its slot in the body so the raw object can be collected as soon as
 * it is kept. The body must be the caller's to change (an answer parsed for this read alone).
 *
 * A bad item fails the page with the error `parseWire` throws, naming the item's place in the body
 * (`users.3.email: ...`; the whole-page union could only say "(the body): Invalid input"), before
 * `items_this_page` is checked. A body holding two lists (`users` and `data`, say) is read by the
 * first shape it fits, in `listShapes`' order, and a bad item there fails the page; the whole-page
 * union would have gone on to try the other list.
 */
export function openListPage(request: WireRequest, body: unknown, key: string): OpenListPage {
  const { list: items, at, next, claimed } = parseWire(VENDOR, request, listShapes(key, rawItems), body);
  return {
    next,
    claimed,
    each(item, keep) {
      for (let index = 0; index < items.length; index += 1) {
        keep(parseWireAt(VENDOR, request, item, body, [...at, index], items[index]));
        items[index] = undefined;
      }
      checkClaimed(request, claimed, items.length);
    },
  };
}

/**
 * The envelope of a page whose list was read as it streamed in: `envelope` is the body with an
 * empty array where the list sat (`at`). Checked as `openListPage` checks the whole body (its shape
 * and cursor, the same errors); the list `listShapes` picks must be the one streamed, else the body
 * holds two lists and the one already handed on is not the one the page means.
 */
export function checkStreamedEnvelope(
  request: WireRequest,
  envelope: unknown,
  key: string,
  at: readonly string[],
): { readonly next: WireId | undefined; readonly claimed: number | undefined } {
  const found = parseWire(VENDOR, request, listShapes(key, rawItems), envelope);
  if (found.at.length !== at.length || found.at.some((part, index) => part !== at[index])) {
    throw new VendorProtocolError(
      VENDOR,
      requestName(request),
      `a JSON listing that holds two lists (${at.join(".")} and ${found.at.join(".") || "the body"}), so which one it means is unclear`,
    );
  }
  return { next: found.next, claimed: found.claimed };
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
