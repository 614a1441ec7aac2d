import { ConfigError, shownValue } from "../../errors.js";
import { parseUrlSetting } from "../url-setting.js";
import type { VendorSettings } from "../vendor.js";

/** Setting names (environment variables in the CLI, mapped inputs in the Action; README.md#cli). */
export const SIGMA_SETTING = {
  clientId: "SIGMA_CLIENT_ID",
  clientSecret: "SIGMA_CLIENT_SECRET",
  baseUrl: "SIGMA_BASE_URL",
  sendInvite: "SIGMA_SEND_INVITE",
} as const;

/**
 * Shorthands for SIGMA_BASE_URL: the production hosts Sigma's own sample `utils.get_base_url`
 * knows (docs/vendors/sigma.md#base-urls). Every other region needs its full URL from Administration >
 * Developer Access.
 */
export const SIGMA_BASE_URL_SHORTHANDS: Readonly<Record<string, string>> = {
  aws: "https://aws-api.sigmacomputing.com",
  gcp: "https://api.sigmacomputing.com",
  azure: "https://api.us.azure.sigmacomputing.com",
};

export interface SigmaSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Without a trailing slash. */
  readonly baseUrl: string;
  /** `sendInvite` on `POST /v2/members`: Sigma emails new members unless false (docs/vendors/sigma.md#members). */
  readonly sendInvite: boolean;
}

function required(settings: VendorSettings, name: string, what: string): string {
  const value = settings[name]?.trim();
  if (value === undefined || value === "") {
    throw new ConfigError(name, `${name} is not set: ${what}`, "CONFIG_MISSING");
  }
  return value;
}

export function parseSigmaBaseUrl(raw: string): string {
  const shorthand = SIGMA_BASE_URL_SHORTHANDS[raw.toLowerCase()];
  if (shorthand !== undefined) return shorthand;
  return parseUrlSetting(
    SIGMA_SETTING.baseUrl,
    raw,
    `Use your organisation's API host (Administration > Developer Access), e.g. https://aws-api.sigmacomputing.com, or one of: ${Object.keys(SIGMA_BASE_URL_SHORTHANDS).join(", ")}.`,
  );
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  const value = raw?.trim().toLowerCase();
  if (value === undefined || value === "") return fallback;
  if (["true", "1", "yes", "on"].includes(value)) return true;
  if (["false", "0", "no", "off"].includes(value)) return false;
  throw new ConfigError(name, `${name} must be true or false, got ${shownValue(raw ?? "")}.`);
}

/** Reads the Sigma settings; a missing or invalid one is a ConfigError naming the variable. */
export function parseSigmaSettings(settings: VendorSettings): SigmaSettings {
  const clientId = required(
    settings,
    SIGMA_SETTING.clientId,
    "the client ID of a Sigma API credential owned by an Admin",
  );
  const clientSecret = required(settings, SIGMA_SETTING.clientSecret, "the secret of that Sigma API credential");
  const baseUrl = parseSigmaBaseUrl(
    required(
      settings,
      SIGMA_SETTING.baseUrl,
      `your organisation's API URL, or one of ${Object.keys(SIGMA_BASE_URL_SHORTHANDS).join(", ")}`,
    ),
  );
  const sendInvite = parseBoolean(SIGMA_SETTING.sendInvite, settings[SIGMA_SETTING.sendInvite], true);
  return { clientId, clientSecret, baseUrl, sendInvite };
}
