import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { loadDirectorySnapshot, parseDirectorySnapshot } from "../vendors/memory/snapshot.js";
import { directoryToSnapshot } from "./snapshot.js";
import { directorySnapshotJsonSchema, directorySnapshotSchema } from "./snapshot-schema.js";

const SCHEMA_FILE = new URL("../../../../docs/directory-snapshot.schema.json", import.meta.url);
const EXAMPLE = new URL("../../../../examples/sigma-snapshot.json", import.meta.url);

describe("directory snapshot format", () => {
  it("is documented by docs/directory-snapshot.schema.json, generated from the schema (regenerate: UPDATE_SCHEMA=1)", async () => {
    const generated = `${JSON.stringify(directorySnapshotJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === "1") {
      const { writeFile } = await import("node:fs/promises");
      await writeFile(SCHEMA_FILE, generated);
    }
    expect(JSON.parse(await readFile(SCHEMA_FILE, "utf8"))).toEqual(directorySnapshotJsonSchema());
  });

  it("accepts the example snapshot, and what export writes reads back as the same directory", async () => {
    const data = JSON.parse(await readFile(EXAMPLE, "utf8")) as unknown;
    expect(directorySnapshotSchema.safeParse(data).success).toBe(true);
    const directory = await loadDirectorySnapshot(EXAMPLE.pathname);
    const written = JSON.parse(directoryToSnapshot(directory)) as unknown;
    expect(directorySnapshotSchema.safeParse(written).success).toBe(true);
    expect(parseDirectorySnapshot(written, "export.json")).toEqual(directory);
  });

  it("rejects what the reader rejects: a user without an email, an unknown status", () => {
    expect(directorySnapshotSchema.safeParse({ users: [{ id: "1" }] }).success).toBe(false);
    expect(directorySnapshotSchema.safeParse({ users: [{ email: "a@x.io", status: "archived" }] }).success).toBe(false);
  });
});
