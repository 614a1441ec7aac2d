import type { Directory } from "../model/directory.js";
import type { DirectorySnapshot } from "./snapshot-schema.js";

// The zod schema (snapshot-schema.ts) documents the format and is not loaded here: every CLI and
// Action start would pay for it.
/** The directory as snapshot JSON, exactly what `--state` reads back. */
export function directoryToSnapshot(directory: Directory): string {
  const snapshot: DirectorySnapshot = {
    ...(directory.self === undefined ? {} : { self: directory.self }),
    ...(directory.roles === undefined ? {} : { roles: [...directory.roles] }),
    ...(directory.attributes === undefined ? {} : { attributes: [...directory.attributes] }),
    groups: directory.groups.map((g) => ({
      id: g.id,
      name: g.name,
      ...(g.reserved === true ? { reserved: true } : {}),
      ...(g.kind === undefined ? {} : { kind: g.kind }),
    })),
    users: directory.users.map((u) => ({
      id: u.id,
      email: u.email,
      ...(u.firstName === undefined ? {} : { firstName: u.firstName }),
      ...(u.lastName === undefined ? {} : { lastName: u.lastName }),
      ...(u.role === undefined ? {} : { role: u.role }),
      status: u.status,
      groups: [...u.groups],
      ...(u.attributes === undefined ? {} : { attributes: { ...u.attributes } }),
      ...(u.country === undefined ? {} : { country: u.country }),
      ...(u.type === undefined ? {} : { type: u.type }),
      ...(u.username === undefined ? {} : { username: u.username }),
      ...(u.domain === undefined ? {} : { domain: u.domain }),
    })),
  };
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}
