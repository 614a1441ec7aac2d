import { CoreError } from "../../errors.js";
import type { WireId } from "./wire-types.js";

/**
 * Defensive readers for response bodies whose shape is unverified (wire-types.ts lists the
 * assumptions). Each accepts the plausible variants and fails with VENDOR_PROTOCOL, naming what it
 * expected, when nothing fits: a guessed shape must never be silently read as "no users".
 */

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function protocolError(what: string, body: unknown): CoreError {
  const shape = Array.isArray(body) ? "array" : body === null ? "null" : typeof body;
  const keys = isRecord(body) ? ` with keys ${Object.keys(body).slice(0, 8).join(", ") || "(none)"}` : "";
  return new CoreError("VENDOR_PROTOCOL", `Periscope returned an unexpected ${what}: got ${shape}${keys}`);
}

/** ASSUMPTION IDS: a number or a non-empty string. */
export function readId(value: unknown): WireId | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim().length > 0) return value.trim();
  return undefined;
}

function readText(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** ASSUMPTION LIST_SHAPE: `{<key>: [...]}`, a bare array, or `{data: [...]}`. */
export function unwrapList(body: unknown, key: string): readonly unknown[] {
  if (Array.isArray(body)) return body;
  if (isRecord(body)) {
    const named = body[key];
    if (Array.isArray(named)) return named;
    const data = body.data;
    if (Array.isArray(data)) return data;
    if (isRecord(data) && Array.isArray(data[key])) return data[key] as unknown[];
  }
  throw protocolError(`${key} list (expected {"${key}": [...]}, [...] or {"data": [...]})`, body);
}

/** ASSUMPTION SINGLE_SHAPE: the bare object or `{<key>|data: {...}}`. */
export function unwrapSingle(body: unknown, key: string): Record<string, unknown> | undefined {
  if (!isRecord(body)) return undefined;
  const named = body[key];
  if (isRecord(named)) return named;
  const data = body.data;
  if (isRecord(data)) return data;
  return body;
}

/** ASSUMPTION PAGINATION: the cursor the dashboards listing uses, when present. */
export function readNextPageStart(body: unknown): WireId | undefined {
  if (!isRecord(body)) return undefined;
  return readId(body.next_page_start);
}

/** ASSUMPTION GROUP_REFS: `"Analysts"`, `7`, `"7"` or `{id, name}`. */
export function readRef(value: unknown): ParsedRef | undefined {
  if (typeof value === "number") return readRef({ id: value });
  if (typeof value === "string") return value.length > 0 ? { name: value } : undefined;
  if (!isRecord(value)) return undefined;
  const rawId = readId(value.id);
  const name = readText(value.name);
  if (rawId === undefined && name === undefined) return undefined;
  return {
    ...(rawId !== undefined && { id: String(rawId), rawId }),
    ...(name !== undefined && { name }),
  };
}

function readRefs(value: unknown): ParsedRef[] {
  if (!Array.isArray(value)) return [];
  return value.map(readRef).filter((ref): ref is ParsedRef => ref !== undefined);
}

export function parseUser(raw: unknown): ParsedUser {
  if (!isRecord(raw)) throw protocolError("user (expected an object)", raw);
  const rawId = readId(raw.id);
  const email = readText(raw.email);
  if (rawId === undefined || email === undefined) throw protocolError("user (expected id and email)", raw);
  const firstName = readText(raw.first_name);
  const lastName = readText(raw.last_name);
  const status = readText(raw.status);
  return {
    id: String(rawId),
    rawId,
    email,
    ...(firstName !== undefined && { firstName }),
    ...(lastName !== undefined && { lastName }),
    // v1 users carry `groups`, v2 users `roles`; a server could send both keys, one empty.
    refs: [...readRefs(raw.groups), ...readRefs(raw.roles)],
    ...(status !== undefined && { status }),
  };
}

export function parseGroup(raw: unknown): ParsedGroup {
  if (!isRecord(raw)) throw protocolError("group or role (expected an object)", raw);
  const rawId = readId(raw.id);
  const name = readText(raw.name);
  if (rawId === undefined || name === undefined) throw protocolError("group or role (expected id and name)", raw);
  return { id: String(rawId), rawId, name };
}
