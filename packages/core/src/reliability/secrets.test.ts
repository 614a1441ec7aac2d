import { describe, expect, it } from "vitest";
import { findLeaks } from "./secret-scan.js";
import { RELIABILITY_SUBJECTS } from "./subjects/index.js";

// Security suite, for every vendor: no secret (client secret, API key, bearer token, the header
// made from a key) in any output, error, report or log line, even when the vendor echoes them back
// in its error bodies and headers. Each vendor's subjects/<vendor>.ts brings the runs that meet it.

describe.each(RELIABILITY_SUBJECTS)("$name never shows a secret", (subject) => {
  it.each(subject.secrets.cases.map((entry) => [entry.name, entry] as const))("%s", async (_name, entry) => {
    const { texts, secrets } = await entry.run();
    expect(texts.join("\n")).toMatch(entry.expectText);
    expect(findLeaks(texts, secrets)).toEqual([]);
  });
});
