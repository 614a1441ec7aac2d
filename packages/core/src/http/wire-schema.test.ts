import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeBody, parseWire, parseWireAt, requestName, trackListing } from "./wire-schema.js";

describe("requestName", () => {
  it("names method and path, never the query or the origin", () => {
    expect(requestName({ method: "get", path: "/v2/members?page=abc&limit=1000" })).toBe("GET /v2/members");
    expect(requestName({ method: "GET", path: "https://api.example/v2/teams?x=1#y" })).toBe("GET /v2/teams");
    expect(requestName({ method: "POST", path: "action/ORG@AdobeOrg" })).toBe("POST /action/ORG@AdobeOrg");
  });
});

describe("describeBody", () => {
  it("says what came back without quoting it", () => {
    expect(describeBody(undefined)).toBe("an empty body where JSON was expected");
    expect(describeBody("<!DOCTYPE html><p>secret-ish</p>")).toMatch(/^an HTML page \(\d+ characters\)/);
    expect(describeBody('{"entries": [{"memberId"')).toMatch(/^JSON that is cut short/);
    expect(describeBody("plain")).toMatch(/^text that is not JSON/);
    expect(describeBody({})).toBe("an empty JSON object");
    expect(describeBody([1, 2])).toBe("a JSON array of 2 items");
    expect(describeBody("<p>secret-ish</p>")).not.toContain("secret-ish");
  });
});

describe("parseWire", () => {
  const schema = z.object({ userId: z.string().min(1) });
  it("returns the parsed answer, or VENDOR_PROTOCOL naming vendor, request and the field", () => {
    expect(parseWire("Sigma", { method: "GET", path: "/v2/whoami" }, schema, { userId: "u1" })).toEqual({
      userId: "u1",
    });
    const call = () => parseWire("Sigma", { method: "GET", path: "/v2/whoami?x=1" }, schema, { userId: 7 });
    expect(call).toThrow(
      expect.objectContaining({ code: "VENDOR_PROTOCOL", vendor: "Sigma", request: "GET /v2/whoami" }),
    );
    expect(call).toThrow(/userId: /);
    expect(call).toThrow(/Roster stops rather than act/);
  });

  it("says a write may have been made, unless told the POST changes nothing", () => {
    const write = () => parseWire("Sigma", { method: "PATCH", path: "/v2/members/1" }, schema, "");
    expect(write).toThrow(/Sigma may have made the change or not/);
    const token = () => parseWire("Sigma", { method: "POST", path: "/v2/auth/token" }, schema, "", { write: false });
    expect(token).toThrow(/Roster stops rather than act/);
  });
});

describe("parseWireAt", () => {
  it("checks one value of a body, and a failure describes the whole body and the value's place in it", () => {
    const schema = z.object({ email: z.string().min(1) });
    const request = { method: "GET", path: "/api/v1/users" };
    const body = { users: [{ email: "a@x.io" }, { email: "" }] };
    expect(parseWireAt("Periscope", request, schema, body, ["users", 0], body.users[0])).toEqual({ email: "a@x.io" });
    const call = () => parseWireAt("Periscope", request, schema, body, ["users", 1], body.users[1]);
    expect(call).toThrow(expect.objectContaining({ code: "VENDOR_PROTOCOL", request: "GET /api/v1/users" }));
    expect(call).toThrow(
      "Periscope answered GET /api/v1/users with a JSON object with keys users, not the expected answer (users.1.email: Too small",
    );
  });
});

describe("trackListing", () => {
  const listing = { method: "GET", path: "/v2/teams/t1/members" };
  it("accepts pages that reach the total they claim", () => {
    const tracker = trackListing("Sigma", listing);
    tracker.page(2, 3, "c1");
    tracker.page(1, 3, undefined);
    expect(() => tracker.finish()).not.toThrow();
  });

  it("refuses a short listing, a total that changes, a count past the total and a repeated cursor", () => {
    const short = trackListing("Sigma", listing);
    short.page(0, 12, undefined);
    expect(() => short.finish()).toThrow(/claim 12 items in all, but 0 arrived/);
    const moving = trackListing("Sigma", listing);
    moving.page(1, 3, "c1");
    expect(() => moving.page(1, 4, "c2")).toThrow(/one page claims 3 items in all, a later one 4/);
    expect(() => trackListing("Sigma", listing).page(5, 3, undefined)).toThrow(/more than the 3/);
    const looping = trackListing("Sigma", listing);
    looping.page(1, undefined, "c1");
    expect(() => looping.page(1, undefined, "c1")).toThrow(/cursor repeats/);
  });
});
