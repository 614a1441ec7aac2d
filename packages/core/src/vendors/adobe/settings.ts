import { ConfigError, shownValue } from "../../errors.js";
import { parseUrlSetting } from "../url-setting.js";
import type { VendorSettings } from "../vendor.js";
import { parseIdentityType } from "./pack-actions.js";
import type { AdobeRateLimits } from "./rate-limits.js";
import { ADOBE_RATE_LIMITS, parseRateLimits } from "./rate-limits.js";
import type { IdentityType } from "./wire-types.js";

/** Adobe settings, from the environment names in README.md#cli (`ADOBE_*`). */
export interface AdobeSettings {
  readonly orgId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly umapiUrl: string;
  readonly imsUrl: string;
  readonly defaultIdentityType: IdentityType;
  readonly defaultCountry?: string;
  /** Client-side pacing windows; `false` = no pacing. */
  readonly rateLimits: AdobeRateLimits | false;
}

export const DEFAULT_UMAPI_URL = "https://usermanagement.adobe.io/v2/usermanagement";
export const DEFAULT_IMS_URL = "https://ims-na1.adobelogin.com";

export const ADOBE_SECRET_SETTINGS: readonly string[] = ["ADOBE_CLIENT_SECRET", "ADOBE_PRIVATE_KEY"];

/** Settings of the retired Service Account (JWT) credential (UM-PY JWTAuth; User Sync Tool `authentication_method: jwt`). */
const JWT_SETTINGS = ["ADOBE_TECH_ACCOUNT_ID", "ADOBE_PRIVATE_KEY", "ADOBE_PRIVATE_KEY_PATH"] as const;

export const JWT_MIGRATION_URL =
  "https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/migration/";

function value(settings: VendorSettings, name: string): string | undefined {
  const raw = settings[name]?.trim();
  return raw === undefined || raw === "" ? undefined : raw;
}

function required(settings: VendorSettings, name: string, what: string): string {
  const found = value(settings, name);
  if (found === undefined) {
    throw new ConfigError(name, `${name} is not set: it must hold ${what}.`, "CONFIG_MISSING");
  }
  return found;
}

function url(settings: VendorSettings, name: string, fallback: string): string {
  return parseUrlSetting(name, value(settings, name) ?? fallback);
}

/**
 * JWT service accounts are gone: "As of June 30, 2025, Service Account (JWT) credentials have reached
 * their end of life" and stop working when their certificates expire or on March 1, 2026 (ADB-DEV).
 */
function rejectJwt(settings: VendorSettings): void {
  const found = JWT_SETTINGS.find((name) => value(settings, name) !== undefined);
  if (found === undefined) return;
  throw new ConfigError(
    found,
    `${found} is set, which is a Service Account (JWT) configuration. Adobe's JWT credentials reached end of life ` +
      "on June 30, 2025 and stop working when their certificates expire or on March 1, 2026, whichever is earlier " +
      "(Adobe Developer Console). Roster uses OAuth Server-to-Server: in the Adobe Developer Console open the project " +
      'that has the User Management API, choose "Migrate to OAuth Server-to-Server" (or add an OAuth Server-to-Server ' +
      "credential), then set ADOBE_CLIENT_ID and ADOBE_CLIENT_SECRET from that credential and remove " +
      `${JWT_SETTINGS.join(", ")}. Guide: ${JWT_MIGRATION_URL}`,
  );
}

export function parseAdobeSettings(settings: VendorSettings): AdobeSettings {
  rejectJwt(settings);
  const orgId = required(settings, "ADOBE_ORG_ID", "your Adobe organization ID (…@AdobeOrg, Admin Console > Settings)");
  const clientId = required(settings, "ADOBE_CLIENT_ID", "the OAuth Server-to-Server client ID (API key)");
  const clientSecret = required(settings, "ADOBE_CLIENT_SECRET", "the OAuth Server-to-Server client secret");
  const typeText = value(settings, "ADOBE_DEFAULT_IDENTITY_TYPE");
  const defaultIdentityType = typeText === undefined ? "federatedID" : parseIdentityType(typeText);
  if (defaultIdentityType === undefined) {
    throw new ConfigError(
      "ADOBE_DEFAULT_IDENTITY_TYPE",
      `ADOBE_DEFAULT_IDENTITY_TYPE must be adobeID, enterpriseID or federatedID, not ${shownValue(typeText ?? "")}.`,
    );
  }
  const country = value(settings, "ADOBE_DEFAULT_COUNTRY");
  if (country !== undefined && !/^[A-Za-z]{2}$/.test(country)) {
    throw new ConfigError(
      "ADOBE_DEFAULT_COUNTRY",
      `ADOBE_DEFAULT_COUNTRY must be a two-letter ISO country code, not ${shownValue(country)}.`,
    );
  }
  const limits = value(settings, "ADOBE_RATE_LIMITS");
  return {
    orgId,
    clientId,
    clientSecret,
    umapiUrl: url(settings, "ADOBE_UMAPI_URL", DEFAULT_UMAPI_URL),
    imsUrl: url(settings, "ADOBE_IMS_URL", DEFAULT_IMS_URL),
    defaultIdentityType,
    ...(country !== undefined ? { defaultCountry: country.toUpperCase() } : {}),
    rateLimits: limits === undefined ? ADOBE_RATE_LIMITS : parseRateLimits(limits),
  };
}
