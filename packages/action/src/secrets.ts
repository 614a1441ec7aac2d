import * as core from "@actions/core";
import { createRedactor, type Redactor, redactValue } from "@roster/core";

/**
 * Every secret of the run, and the one redactor everything the Action writes goes through (the
 * same `createRedactor` the CLI prints through): the pull request comment (github-client.ts), the
 * job summary (summary.ts), the step outputs (outputs.ts), and every log line and annotation
 * (output-guard.ts, on stdout and stderr). Fed each value on its own: each Periscope site's key
 * as well as the list (secretValuesOf), the Sigma and Adobe client secrets, the GitHub token, and
 * the access tokens the vendors obtain at run time (VendorFactoryOptions.onSecret).
 *
 * Each value is also registered with `core.setSecret`, so the runner masks it in the log even if
 * it reached the log some way Roster does not see (a crash inside a library).
 */
export interface SecretRegistry {
  /** Registers a secret (masked and redacted from now on); empty values are ignored. */
  add(value: string | undefined): void;
  readonly redact: Redactor;
  readonly size: number;
}

/**
 * How @actions/core escapes text inside a workflow command (`::error::…`, properties too): a
 * secret holding `%`, `:`, `,` or a line break appears in the log in this form.
 */
function escapedForms(value: string): string[] {
  const data = value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  // The last: as it reads inside a JSON string (redactReport).
  return [data, data.replace(/:/g, "%3A").replace(/,/g, "%2C"), JSON.stringify(value).slice(1, -1)];
}

export function createSecretRegistry(mask: (value: string) => void = core.setSecret): SecretRegistry {
  const values = new Set<string>();
  let redactor: Redactor | undefined;
  return {
    add(value) {
      if (value === undefined || value.trim() === "" || values.has(value)) return;
      values.add(value);
      mask(value);
      for (const form of escapedForms(value)) values.add(form);
      redactor = undefined;
    },
    redact(text) {
      redactor ??= createRedactor([...values]);
      return redactor(text);
    },
    get size() {
      return values.size;
    },
  };
}

/** The run's registry: one per process, since the log sinks are process-wide. */
export const runSecrets: SecretRegistry = createSecretRegistry();

/** Redacts with every secret registered so far. */
export function redactText(text: string): string {
  return runSecrets.redact(text);
}

/**
 * A copy of report data (plan, apply result, diagnostics) with every string redacted. Reports
 * escape text for Markdown (`_` becomes `&#95;`), after which a secret no longer reads as itself
 * to the redactor; so the data is redacted before it is rendered, and the rendered text again.
 *
 * Done on the data's JSON text in one pass (a secret's JSON-escaped form is registered too): for
 * 100,000 changes that is about 3x faster than redacting each string on its own. Should a
 * replacement ever break the JSON (a secret spanning two values), each string is redacted instead.
 */
export function redactReport<T>(value: T): T {
  try {
    return JSON.parse(redactText(JSON.stringify(value))) as T;
  } catch {
    return redactValue(value, redactText) as T;
  }
}
