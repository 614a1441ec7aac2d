import { styleText } from "node:util";
import {
  createRedactor,
  type Diagnostic,
  escapeTerminal,
  formatLocation,
  getVendorModule,
  type Logger,
  type PlanTextTone,
  type Redactor,
  secretValuesOf,
  sortDiagnostics,
  VENDOR_IDS,
} from "@roster/core";
import { capDiagnostics } from "./cap-diagnostics.js";
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
  /** `--verbose`: debug logs, stacks, every problem listed. */
  readonly verbose: boolean;
  /** `--quiet`: only the summary line and errors; no info or warning logs, no progress. */
  readonly quiet: boolean;
  /** Colours a stdout line by its tone; identity when stdout is no terminal or NO_COLOR is set. */
  style(tone: PlanTextTone, text: string): string;
  /** Called before each stderr line (the progress bar erases itself there). */
  beforeErr(hook: (() => void) | undefined): void;
}

export interface OutputOptions {
  readonly verbose: boolean;
  readonly quiet?: boolean;
}

const TONE_STYLES: Record<PlanTextTone, Parameters<typeof styleText>[0]> = {
  create: "green",
  update: "yellow",
  destructive: "red",
  heading: "bold",
  problem: "red",
};

/** https://no-color.org: any non-empty NO_COLOR turns colours off; so do pipes and TERM=dumb. */
export function wantsColour(io: Pick<CliIo, "env" | "stdout">): boolean {
  const noColor = io.env.NO_COLOR;
  return io.stdout.isTTY === true && (noColor === undefined || noColor === "") && io.env.TERM !== "dumb";
}

/** Each secret on its own: every Periscope site's key as well as the comma list (secretValuesOf). */
export function secretValues(env: CliIo["env"]): string[] {
  return secretValuesOf(
    env,
    VENDOR_IDS.flatMap((id) => getVendorModule(id).secretSettings),
  );
}

export function createOutput(io: CliIo, options: OutputOptions): Output {
  const redact = createRedactor(secretValues(io.env));
  const quiet = options.quiet === true;
  const colour = wantsColour(io);
  let beforeErr: (() => void) | undefined;
  const line = (text: string): string => (text.endsWith("\n") ? text : `${text}\n`);
  const err = (text: string): void => {
    beforeErr?.();
    io.stderr.write(line(redact(text)));
  };
  return {
    out: (text) => {
      io.stdout.write(line(redact(text)));
    },
    err,
    redact,
    verbose: options.verbose,
    quiet,
    style: (tone, text) => (colour ? styleText(TONE_STYLES[tone], text, { validateStream: false }) : text),
    beforeErr: (hook) => {
      beforeErr = hook;
    },
    logger: {
      info: (message) => {
        if (!quiet) err(message);
      },
      warn: (message) => {
        if (!quiet) err(`warning: ${message}`);
      },
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

/** Every problem, worst first; without `all`, repeated ones are capped and counted (cap-diagnostics.ts). */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], all = false): string {
  if (all) return sortDiagnostics(diagnostics).map(formatDiagnostic).join("\n");
  const { shown, summary } = capDiagnostics(diagnostics);
  return [...shown.map(formatDiagnostic), ...summary].join("\n");
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
