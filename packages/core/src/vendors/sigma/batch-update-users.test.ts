import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SigmaSeedMember } from "./simulator/index.js";
import { type RunningSigmaSimulator, startSigmaSimulator } from "./simulator/index.js";

/**
 * Replays what Sigma's own `batch_update_users.py` sends (docs/vendors/sigma.md#bulk-update-sample, SIG-SAMPLE) against
 * the simulator, and checks the answers have the shapes the script relies on. The first rows are
 * Sigma's example CSV (examples/example_csv_for_batch_update_users.csv); the rest exercise the
 * script's other paths (isArchived, an empty row, its 404 and 409 hints).
 */
const CSV = [
  "Email,First Name,Last Name,New Email,Member Type,isArchived",
  "gareth@sigmacomputing.com,Gary,Brick,,,",
  "brett@sigmacomputing.com,,,,Creator,",
  "jacob@sigma.com,,,jacob@sigmacomputing.com,,",
  "erin@sigmacomputing.com,,,,,True",
  "chad@sigmacomputing.com,,,,,False",
  "quiet@sigmacomputing.com,,,,,",
  "brett@sigmacomputing.com,,,,Wizard,",
  "gareth@sigmacomputing.com,,,chad@sigmacomputing.com,,",
].join("\n");

const FIELD_MAP: Readonly<Record<string, string>> = {
  "First Name": "firstName",
  "Last Name": "lastName",
  "New Email": "email",
  "Member Type": "memberType",
};

/** The script's payload rule: a field counts only if `len(value) > 1`; isArchived only "True"/"False". */
function payloadOf(row: Record<string, string>): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const [column, field] of Object.entries(FIELD_MAP)) {
    const value = row[column] ?? "";
    if (value.length > 1) payload[field] = value;
  }
  if (row.isArchived === "True") payload.isArchived = true;
  if (row.isArchived === "False") payload.isArchived = false;
  return payload;
}

let sim: RunningSigmaSimulator;

beforeEach(async () => {
  const filler: SigmaSeedMember[] = Array.from({ length: 1100 }, (_, i) => ({
    email: `filler${i}@acme.example`,
    firstName: "F",
    lastName: `${i}`,
  }));
  const named = [
    "gareth@sigmacomputing.com",
    "brett@sigmacomputing.com",
    "jacob@sigma.com",
    "erin@sigmacomputing.com",
    "chad@sigmacomputing.com",
    "quiet@sigmacomputing.com",
  ];
  sim = await startSigmaSimulator({
    seed: {
      members: [
        ...named.map((email) => ({
          email,
          firstName: "X",
          lastName: "Y",
          memberType: "viewer",
          isArchived: email.startsWith("chad"),
        })),
        ...filler,
      ],
    },
  });
});
afterEach(() => sim.close());

describe("batch_update_users.py replayed against the simulator", () => {
  it("answers the script's requests with the shapes of the real API", async () => {
    // 1. One token, form fields (utils.get_access_token).
    const tokenResponse = await fetch(`${sim.url}/v2/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: sim.clientId,
        client_secret: sim.clientSecret,
      }),
    });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };

    // 2. get_all_members: includeArchived=true&limit=500, then &page=<nextPage> until null.
    const ids = new Map<string, string>();
    let url = `${sim.url}/v2/members?includeArchived=true&limit=500`;
    let pages = 0;
    for (;;) {
      const page = (await (await fetch(url, { headers })).json()) as {
        entries: { email: string; memberId: string }[];
        nextPage: string | null;
      };
      pages += 1;
      for (const member of page.entries) ids.set(member.email, member.memberId);
      if (page.nextPage === null) break;
      url = `${sim.url}/v2/members?includeArchived=true&limit=500&page=${page.nextPage}`;
    }
    expect(pages).toBe(Math.ceil(1107 / 500)); // 6 named + 1,100 filler + the API client

    // 3. One PATCH per row whose email resolved, even when the payload is {}.
    const [header, ...lines] = CSV.split("\n");
    const columns = (header ?? "").split(",");
    const answers: { status: number; body: Record<string, unknown>; payload: Record<string, unknown> }[] = [];
    for (const line of lines) {
      const cells = line.split(",");
      const row = Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ""]));
      const memberId = ids.get(row.Email ?? "");
      expect(memberId).toBeDefined();
      const payload = payloadOf(row);
      const response = await fetch(`${sim.url}/v2/members/${memberId}`, {
        method: "PATCH",
        headers,
        body: JSON.stringify(payload),
      });
      answers.push({ status: response.status, body: (await response.json()) as Record<string, unknown>, payload });
    }

    const memberShape = {
      organizationId: expect.any(String),
      memberId: expect.any(String),
      memberType: expect.any(String),
      firstName: expect.any(String),
      lastName: expect.any(String),
      email: expect.any(String),
      profileImgUrl: null,
      createdBy: expect.any(String),
      updatedBy: expect.any(String),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      homeFolderId: expect.any(String),
      userKind: "internal",
    };
    expect(answers[0]).toMatchObject({ status: 200, body: { ...memberShape, firstName: "Gary", lastName: "Brick" } });
    expect(answers[1]).toMatchObject({ status: 200, body: { memberType: "creator" } }); // "Creator" matched case-insensitively
    expect(answers[2]).toMatchObject({ status: 200, body: { email: "jacob@sigmacomputing.com" } });
    expect(answers[3]).toMatchObject({ status: 200, body: { isArchived: true } });
    expect(answers[4]).toMatchObject({ status: 200, body: { isArchived: false } });
    // "UPDATED NOTHING": an empty PATCH is accepted and returns the unchanged member.
    expect(answers[5]).toMatchObject({
      status: 200,
      payload: {},
      body: { ...memberShape, email: "quiet@sigmacomputing.com" },
    });
    // The script's hints: 404 = bad member type, 409 = email already in use; both print body.message.
    expect(answers[6]).toMatchObject({
      status: 404,
      body: { message: "Member type name is not found", code: expect.any(String), requestId: expect.any(String) },
    });
    expect(answers[7]).toMatchObject({
      status: 409,
      body: { message: "Duplicate record", code: expect.any(String), requestId: expect.any(String) },
    });

    // Request count, as docs/vendors/sigma.md#bulk-update-sample states it: 1 token + ceil(N/500) listings + 1 PATCH per resolved row.
    expect(sim.requests).toHaveLength(1 + pages + lines.length);
  });
});
