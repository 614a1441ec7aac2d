import * as core from "@actions/core";
import type { Policy, VendorSettings } from "@roster/core";
import {
  ABSENT_USER_ACTIONS,
  ConfigError,
  defaultPolicy,
  GROUP_SCOPES,
  parseAllowRemovals,
  parseRemovalThreshold as parseCoreRemovalThreshold,
  secretValuesOf,
  shownValue,
} from "@roster/core";
import { runSecrets } from "./secrets.js";

/**
 * The only place that reads action inputs (docs/style.md#the-action-is-a-thin-adapter).
 * Secret inputs are masked with `core.setSecret` as they are read, before anything is logged.
 */
export type ModeInput = "auto" | "plan" | "apply";
/** On a push: apply only the plan reviewed on the merged pull request (`require`), or apply and report. */
export type ReviewedPlanInput = "require" | "report";

export interface ActionInputs {
  readonly vendor: string;
  /** Repository-relative path, without a leading `./`. */
  readonly csv: string;
  readonly mode: ModeInput;
  /** Credentials keyed by the environment names the vendors read (`SIGMA_CLIENT_ID`...). */
  readonly settings: VendorSettings;
  readonly policy: Policy;
  readonly stopOnError: boolean;
  readonly serverCheck: boolean;
  readonly githubToken: string;
  readonly comment: boolean;
  readonly reviewedPlan: ReviewedPlanInput;
  /** Full plan checksums approved by a manual run (`approve-checksum`); empty when none. */
  readonly approveChecksums: readonly string[];
}

/**
 * An input whose value is wrong; the message names the input and the accepted values. A
 * ConfigError (code `CONFIG_INVALID`, `setting` = the input's name) like every other bad setting.
 */
export class InputError extends ConfigError {
  constructor(input: string, message: string) {
    super(input, `Invalid input "${input}": ${message}`);
    this.name = "InputError";
  }
}

/** Action input → vendor setting (README.md#inputs): credentials and vendor options. */
export const SETTING_INPUTS: Readonly<Record<string, string>> = {
  "sigma-client-id": "SIGMA_CLIENT_ID",
  "sigma-client-secret": "SIGMA_CLIENT_SECRET",
  "sigma-base-url": "SIGMA_BASE_URL",
  "sigma-send-invite": "SIGMA_SEND_INVITE",
  "periscope-site": "PERISCOPE_SITE",
  "periscope-api-key": "PERISCOPE_API_KEY",
  "periscope-base-url": "PERISCOPE_BASE_URL",
  "periscope-api": "PERISCOPE_API",
  "periscope-invited-by": "PERISCOPE_INVITED_BY",
  "adobe-org-id": "ADOBE_ORG_ID",
  "adobe-client-id": "ADOBE_CLIENT_ID",
  "adobe-client-secret": "ADOBE_CLIENT_SECRET",
  "adobe-umapi-url": "ADOBE_UMAPI_URL",
  "adobe-ims-url": "ADOBE_IMS_URL",
  "adobe-default-identity-type": "ADOBE_DEFAULT_IDENTITY_TYPE",
  "adobe-default-country": "ADOBE_DEFAULT_COUNTRY",
};

/** Inputs whose values are secrets. Vendor modules also declare theirs (`secretSettings`). */
export const SECRET_INPUTS: readonly string[] = [
  "sigma-client-secret",
  "periscope-api-key",
  "adobe-client-secret",
  "github-token",
];

const MODES: readonly ModeInput[] = ["auto", "plan", "apply"];
const REVIEWED: readonly ReviewedPlanInput[] = ["require", "report"];

function readSecret(name: string): string {
  const value = core.getInput(name);
  // Periscope takes one key per site as a comma-separated list, and a vendor may print one alone:
  // each part is a secret of its own (masked and redacted), as well as the whole.
  for (const secret of secretValuesOf({ [name]: value }, [name])) runSecrets.add(secret);
  return value;
}

function readChoice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  const value = core.getInput(name) || fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new InputError(name, `${shownValue(value)} is not one of ${choices.map((c) => `\`${c}\``).join(", ")}`);
}

function readBoolean(name: string, fallback: boolean): boolean {
  const value = core.getInput(name);
  if (value === "") return fallback;
  if (/^(true|yes|on)$/i.test(value)) return true;
  if (/^(false|no|off)$/i.test(value)) return false;
  throw new InputError(name, `${shownValue(value)} is not \`true\` or \`false\``);
}

/**
 * The safety inputs go through core's parsers, the same as the CLI flags (model/safety-settings.ts);
 * their ConfigError becomes an InputError naming the input.
 */
function viaCore<T>(name: string, parse: (text: string, setting: string) => T, text: string): T {
  try {
    return parse(text, name);
  } catch (error) {
    if (error instanceof ConfigError) throw new InputError(name, error.message);
    throw error;
  }
}

/** `10%`, `10%,5`, `10` (percent) or `10,5`; `0` means no destructive change without acknowledgement. */
export function parseRemovalThreshold(text: string): Policy["removalThreshold"] {
  return viaCore("removal-threshold", parseCoreRemovalThreshold, text);
}

/** Comma- or newline-separated emails, blanks dropped. */
export function parseList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/**
 * `approve-checksum`: one full sha256 per target to approve (comma- or newline-separated). A
 * prefix approves nothing: it is an error, so nobody believes a short checksum approved a plan.
 */
export function parseApproveChecksums(text: string): string[] {
  const items = parseList(text);
  for (const item of items) {
    if (!/^[0-9a-f]{64}$/.test(item)) {
      throw new InputError(
        "approve-checksum",
        `${shownValue(item)} is not a full plan checksum: give all 64 hexadecimal characters, as the refused plan's notice shows them`,
      );
    }
  }
  return items;
}

function readPolicy(): Policy {
  const allowRemovals = core.getInput("allow-removals");
  const threshold = core.getInput("removal-threshold");
  return {
    absentUsers: readChoice("absent-users", ABSENT_USER_ACTIONS, defaultPolicy.absentUsers),
    groupScope: readChoice("group-scope", GROUP_SCOPES, defaultPolicy.groupScope),
    createMissingGroups: readBoolean("create-missing-groups", defaultPolicy.createMissingGroups),
    protectedUsers: parseList(core.getInput("protected-users")),
    removalThreshold: threshold === "" ? defaultPolicy.removalThreshold : parseRemovalThreshold(threshold),
    ...(allowRemovals === "" ? {} : { allowRemovals: viaCore("allow-removals", parseAllowRemovals, allowRemovals) }),
    surface: "action",
  };
}

/** Reads, validates and masks every input. Throws InputError naming the first bad input. */
export function parseInputs(): ActionInputs {
  // Secrets first: nothing below may log before they are masked.
  const secrets = new Map(SECRET_INPUTS.map((name) => [name, readSecret(name)]));
  const settings: Record<string, string> = {};
  for (const [input, setting] of Object.entries(SETTING_INPUTS)) {
    const value = secrets.get(input) ?? core.getInput(input);
    if (value !== "") settings[setting] = value;
  }

  const vendor = core.getInput("vendor");
  // With `config` (roster.yml) the vendors come from the file.
  if (vendor === "" && core.getInput("config") === "") {
    throw new InputError(
      "vendor",
      "required: `sigma`, `periscope` or `adobe` (or `config: roster.yml` for every vendor it names)",
    );
  }
  const csv = (core.getInput("csv") || "users.csv").replace(/^\.\//, "");

  return {
    vendor,
    csv,
    mode: readChoice("mode", MODES, "auto"),
    settings,
    policy: readPolicy(),
    stopOnError: readBoolean("stop-on-error", false),
    serverCheck: readBoolean("server-check", false),
    githubToken: secrets.get("github-token") ?? "",
    comment: readBoolean("comment", true),
    reviewedPlan: readChoice("reviewed-plan", REVIEWED, "require"),
    approveChecksums: parseApproveChecksums(core.getInput("approve-checksum")),
  };
}
