import { describe, expect, it } from "vitest";
import { cleanCell, emailProblem, makeGroupSplitter, parseArchivedFlag, parseGroups, parseStatus } from "./cells.js";

describe("cleanCell", () => {
  it("trims NBSP, ideographic space and tabs, and NFC-normalises", () => {
    expect(cleanCell("\u00a0 Ann\u3000\t")).toBe("Ann");
    expect(cleanCell("Jose\u0301")).toBe("Jos\u00e9");
  });
});

describe("emailProblem", () => {
  it.each([
    ["jane.doe@example.com", undefined],
    ["Jane+tag@sub.example.co.uk", undefined],
    ["jane", "it has no `@`"],
    ["jane@@x.com", "it has more than one `@`"],
    ["jane doe@x.com", "it contains a space"],
    ["jane@example", "its domain has no dot"],
    ["@x.com", "nothing comes before the `@`"],
    ["jane@", "nothing comes after the `@`"],
    ["jane@x..com", "its domain has an empty part"],
    [".jane@x.com", "its name part has a misplaced dot"],
    ["jane,doe@x.com", "it contains a character not allowed in an address"],
  ])("%s -> %s", (email, problem) => {
    expect(emailProblem(email)).toBe(problem);
  });
});

describe("status", () => {
  it("accepts the model words and documented synonyms, any case", () => {
    expect(parseStatus("Active")).toBe("active");
    expect(parseStatus("DEACTIVATED")).toBe("deactivated");
    expect(parseStatus("inactive")).toBe("deactivated");
    expect(parseStatus("archived")).toBe("deactivated");
    expect(parseStatus("maybe")).toBeUndefined();
  });

  it("reads isArchived True/False inverted", () => {
    expect(parseArchivedFlag("TRUE")).toBe("deactivated");
    expect(parseArchivedFlag("False")).toBe("active");
    expect(parseArchivedFlag("yes")).toBeUndefined();
  });
});

describe("groups", () => {
  it("splits, trims, drops empties and de-duplicates case-insensitively keeping the first spelling", () => {
    const split = makeGroupSplitter([";"]);
    expect(parseGroups(" Sales ; ;ops;SALES; Ops ", split)).toEqual(["Sales", "ops"]);
  });

  it("splits by any of several separators", () => {
    const split = makeGroupSplitter([";", ","]);
    expect(parseGroups("a, b;c", split)).toEqual(["a", "b", "c"]);
    expect(parseGroups("a.b|c", makeGroupSplitter(["|", "."]))).toEqual(["a", "b", "c"]);
  });
});
