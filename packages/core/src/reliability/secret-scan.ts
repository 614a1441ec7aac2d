import { inspect } from "node:util";

/** The forms a secret can take on the way out: as is, URL-encoded, base64. */
function formsOf(secret: string): string[] {
  return [secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64")];
}

/** Every text a user or a log could see from an error: message, stack, and a full inspection. */
export function errorTexts(error: unknown): string[] {
  if (!(error instanceof Error)) return [String(error)];
  return [error.message, error.stack ?? "", inspect(error, { depth: 6 }), JSON.stringify(error) ?? ""];
}

/** Names each secret (by label) found in any of the texts, with a snippet around it. */
export function findLeaks(texts: readonly string[], secrets: Readonly<Record<string, string>>): string[] {
  const leaks: string[] = [];
  for (const [label, secret] of Object.entries(secrets)) {
    for (const form of formsOf(secret)) {
      for (const text of texts) {
        const at = text.indexOf(form);
        if (at >= 0) leaks.push(`${label} in: …${text.slice(Math.max(0, at - 60), at + form.length + 20)}…`);
      }
    }
  }
  return [...new Set(leaks)];
}

/** A vendor error body that echoes every credential back, the way a careless API might. */
export function echoingBody(secrets: Readonly<Record<string, string>>): Record<string, unknown> {
  const values = Object.values(secrets);
  return {
    message: `Invalid request. Received credentials ${values.join(" and ")}; Authorization: Bearer ${values.at(-1)}`,
    code: values[0],
    error_description: `client_secret=${values[0]}`,
    details: { echo: values, headers: { authorization: `Bearer ${values.at(-1)}` } },
  };
}
