import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InputError, parseApproveChecksums, parseInputs, parseList, parseRemovalThreshold } from "./inputs.js";

// @actions/core reads INPUT_<NAME> with hyphens kept; the real parser runs (docs/style.md#the-action-is-a-thin-adapter).
const saved = { ...process.env };
function setInputs(inputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value;
}

describe("parseInputs", () => {
  let written: string[];
  beforeEach(() => {
    written = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it("maps credential inputs onto the vendor setting names and masks the secrets", () => {
    setInputs({
      vendor: "sigma",
      "sigma-client-id": "id-1",
      "sigma-client-secret": "s3cret",
      "sigma-base-url": "aws",
      "github-token": "ghs_x",
    });
    const inputs = parseInputs();
    expect(inputs.settings).toEqual({ SIGMA_CLIENT_ID: "id-1", SIGMA_CLIENT_SECRET: "s3cret", SIGMA_BASE_URL: "aws" });
    expect(inputs.githubToken).toBe("ghs_x");
    expect(written.join("")).toContain("::add-mask::s3cret");
    expect(written.join("")).toContain("::add-mask::ghs_x");
    expect(written.join("")).not.toContain("::add-mask::id-1");
  });

  it("maps the Adobe and Periscope inputs, masking each per-site key", () => {
    setInputs({
      vendor: "adobe",
      "adobe-org-id": "org@AdobeOrg",
      "adobe-client-id": "cid",
      "adobe-client-secret": "csecret",
      "adobe-umapi-url": "http://127.0.0.1:1",
      "adobe-ims-url": "http://127.0.0.1:2",
      "periscope-site": "a,b",
      "periscope-api-key": "key-a,key-b",
      "periscope-api": "v1,v2",
      "periscope-base-url": "http://127.0.0.1:3",
      "periscope-invited-by": "admin@x.com",
    });
    expect(parseInputs().settings).toEqual({
      ADOBE_ORG_ID: "org@AdobeOrg",
      ADOBE_CLIENT_ID: "cid",
      ADOBE_CLIENT_SECRET: "csecret",
      ADOBE_UMAPI_URL: "http://127.0.0.1:1",
      ADOBE_IMS_URL: "http://127.0.0.1:2",
      PERISCOPE_SITE: "a,b",
      PERISCOPE_API_KEY: "key-a,key-b",
      PERISCOPE_API: "v1,v2",
      PERISCOPE_BASE_URL: "http://127.0.0.1:3",
      PERISCOPE_INVITED_BY: "admin@x.com",
    });
    const log = written.join("");
    for (const secret of ["csecret", "key-a,key-b", "key-a", "key-b"]) expect(log).toContain(`::add-mask::${secret}\n`);
  });

  it("applies the documented defaults", () => {
    setInputs({ vendor: "adobe" });
    const inputs = parseInputs();
    expect(inputs).toMatchObject({
      csv: "users.csv",
      mode: "auto",
      comment: true,
      stopOnError: false,
      serverCheck: false,
    });
    expect(inputs.policy).toMatchObject({ absentUsers: "ignore", groupScope: "listed", createMissingGroups: false });
    expect(inputs.policy.allowRemovals).toBeUndefined();
  });

  it("reads the policy inputs", () => {
    setInputs({
      vendor: "sigma",
      csv: "./people/users.csv",
      "absent-users": "deactivate",
      "group-scope": "exact",
      "protected-users": "a@x.com, b@x.com\nc@x.com",
      "allow-removals": "12@3fa9c1d2",
      "removal-threshold": "25%,3",
    });
    const inputs = parseInputs();
    expect(inputs.csv).toBe("people/users.csv");
    expect(inputs.policy).toMatchObject({
      absentUsers: "deactivate",
      groupScope: "exact",
      protectedUsers: ["a@x.com", "b@x.com", "c@x.com"],
      allowRemovals: { count: 12, digest: "3fa9c1d2" },
      removalThreshold: { percent: 25, floor: 3 },
      surface: "action",
    });
  });

  it("names the input in every error", () => {
    setInputs({ vendor: "sigma", mode: "yolo" });
    expect(() => parseInputs()).toThrow(/Invalid input "mode": "yolo" is not one of `auto`, `plan`, `apply`/);
    setInputs({ mode: "plan", "allow-removals": "ten" });
    expect(() => parseInputs()).toThrow(InputError);
    expect(() => parseInputs()).toThrow(/"allow-removals"/);
    setInputs({ "allow-removals": "", comment: "maybe" });
    expect(() => parseInputs()).toThrow(/"comment"/);
  });

  it("does not print a secret given to the wrong input", () => {
    const secret = "ghp_8f3a9c1e7b2d4a6f8e1c3b5d7f9a0c2e4b6d";
    setInputs({ vendor: "sigma", mode: secret });
    expect(() => parseInputs()).toThrow(`Invalid input "mode": "ghp_…" (${secret.length} characters) is not one of`);
    expect(written.join("")).not.toContain(secret);
  });
});

describe("parseRemovalThreshold", () => {
  it("accepts a percentage with an optional floor", () => {
    expect(parseRemovalThreshold("10%")).toEqual({ percent: 10, floor: 5 });
    expect(parseRemovalThreshold("2.5 % , 0")).toEqual({ percent: 2.5, floor: 0 });
  });

  it("rejects other text and percentages over 100", () => {
    expect(() => parseRemovalThreshold("lots")).toThrow(/removal-threshold/);
    expect(() => parseRemovalThreshold("150%")).toThrow(/at most 100%/);
  });

  it("reads 0 as none allowed, the same as the CLI flag (one parser in core)", () => {
    expect(parseRemovalThreshold("0")).toEqual({ percent: 0, floor: 0 });
    expect(parseRemovalThreshold("0%,0")).toEqual({ percent: 0, floor: 0 });
  });
});

describe("parseList", () => {
  it("splits on commas and newlines and drops blanks", () => {
    expect(parseList(" a , ,b\n\nc ")).toEqual(["a", "b", "c"]);
  });
});

describe("parseApproveChecksums", () => {
  const full = (char: string) => char.repeat(64);

  it("accepts full checksums, one per target", () => {
    expect(parseApproveChecksums("")).toEqual([]);
    expect(parseApproveChecksums(`${full("a")}, ${full("b")}`)).toEqual([full("a"), full("b")]);
  });

  it("refuses a prefix or anything else, naming the input", () => {
    expect(() => parseApproveChecksums(full("a").slice(0, 12))).toThrow(/Invalid input "approve-checksum"/);
    expect(() => parseApproveChecksums(full("A"))).toThrow(InputError);
  });
});
