import {
  createRedactor,
  type Diagnostic,
  escapeTerminal,
  formatLocation,
  getVendorModule,
  type Logger,
  type Redactor,
  secretValuesOf,
  sortDiagnostics,
  VENDOR_IDS,
} from "@roster/core";
import type { CliIo } from "./io.js";

/**
 * Every line the CLI prints goes through one `Output`, which redacts secret values first. The
 * secrets are the values of every vendor's `secretSettings` found in the environment (all vendors,
 * not only the one asked for: a mistyped `--vendor` must not leak another vendor's key either).
 */
export interface Output {
  /** Results: the plan, JSON, the environment of a sandbox. */
  out(text: string): void;
  /** Logs, progress, errors and prompts. */
  err(text: string): void;
  readonly redact: Redactor;
  readonly logger: Logger;
  readonly verbose: boolean;
}

/** Each secret on its own: every Periscope site's key as well as the comma list (secretValuesOf). */
export function secretValues(env: CliIo["env"]): string[] {
  return secretValuesOf(
    env,
    VENDOR_IDS.flatMap((id) => getVendorModule(id).secretSettings),
  );
}

export function createOutput(io: CliIo, options: { readonly verbose: boolean }): Output {
  const redact = createRedactor(secretValues(io.env));
  const line = (text: string): string => (text.endsWith("\n") ? text : `${text}\n`);
  const err = (text: string): void => {
    io.stderr.write(line(redact(text)));
  };
  return {
    out: (text) => {
      io.stdout.write(line(redact(text)));
    },
    err,
    redact,
    verbose: options.verbose,
    logger: {
      info: (message) => err(message),
      warn: (message) => err(`warning: ${message}`),
      debug: (message) => {
        if (options.verbose) err(`debug: ${message}`);
      },
    },
  };
}

/**
 * `users.csv:12:3 error ROW_INVALID_EMAIL "bob@" is not an email address`: location first, so
 * terminals and editors make it a link. Control characters from the file are neutralised.
 */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  return escapeTerminal(
    `${formatLocation(diagnostic)} ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}`,
  );
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return sortDiagnostics(diagnostics).map(formatDiagnostic).join("\n");
}

/** The message of anything thrown, redacted, with the stack only when asked for. */
export function describeError(error: unknown, output: Output): string {
  if (error instanceof Error) {
    const setting = (error as { setting?: unknown }).setting;
    const names = typeof setting === "string" && !error.message.includes(setting) ? ` (${setting})` : "";
    const detail = output.verbose && error.stack ? `\n${error.stack}` : "";
    return output.redact(`${error.message}${names}${detail}`);
  }
  return output.redact(String(error));
}
