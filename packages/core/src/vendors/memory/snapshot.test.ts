import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDirectorySnapshot, parseDirectorySnapshot } from "./snapshot.js";

describe("loadDirectorySnapshot", () => {
  it("reads a Directory JSON file, filling in hand-written conveniences", async () => {
    const dir = await mkdtemp(join(tmpdir(), "roster-snapshot-"));
    const file = join(dir, "directory.json");
    await writeFile(
      file,
      JSON.stringify({
        users: [{ email: "a@x.io", firstName: "Ann", groups: ["Sales"], attributes: { region: "EU" } }],
        groups: ["Ops", { id: "7", name: "_admin", reserved: true }],
        roles: ["Viewer"],
        self: "a@x.io",
      }),
    );
    expect(await loadDirectorySnapshot(file)).toEqual({
      users: [
        {
          id: "a@x.io",
          email: "a@x.io",
          status: "active",
          firstName: "Ann",
          groups: ["Sales"],
          attributes: { region: "EU" },
        },
      ],
      groups: [
        { id: "Ops", name: "Ops" },
        { id: "7", name: "_admin", reserved: true },
        { id: "Sales", name: "Sales" },
      ],
      roles: ["Viewer"],
      self: "a@x.io",
    });
  });

  it("names the file and the JSON path of a shape error", () => {
    expect(() => parseDirectorySnapshot({ users: [{ email: "a@x.io" }, { email: 3 }] }, "dir.json")).toThrow(
      "dir.json: $.users[1].email must be a string",
    );
    expect(() => parseDirectorySnapshot({ users: [{ email: "a@x.io", status: "gone" }] }, "dir.json")).toThrow(
      '$.users[0].status must be "active" or "deactivated"',
    );
    expect(() => parseDirectorySnapshot([], "dir.json")).toThrow("dir.json: $ must be an object");
  });

  it("reports unreadable and invalid JSON files by name", async () => {
    await expect(loadDirectorySnapshot("/nonexistent/dir.json")).rejects.toMatchObject({ code: "CONFIG_INVALID" });
    const dir = await mkdtemp(join(tmpdir(), "roster-snapshot-"));
    const file = join(dir, "bad.json");
    await writeFile(file, "{");
    await expect(loadDirectorySnapshot(file)).rejects.toThrow(`${file} is not valid JSON`);
  });
});
