import { ConfigError, shownValue } from "../../errors.js";
import { parseUrlSetting } from "../url-setting.js";
import type { VendorSettings } from "../vendor.js";
import { DEFAULT_PERISCOPE_BASE_URL } from "./wire-types.js";

/** v1: users + groups (non-RBAC sites). v2: v2 users + roles (RBAC sites). docs/vendors/periscope.md#auth-and-hosts. */
export type PeriscopeApiFamily = "v1" | "v2";

/** Everything one site needs. The API key is a secret: never print this object. */
export interface PeriscopeSiteSettings {
  /** The slug in dashboard URLs, `https://app.periscopedata.com/app/<site>/…` (docs/vendors/periscope.md#auth-and-hosts). */
  readonly site: string;
  readonly apiKey: string;
  readonly baseUrl: string;
  readonly api: PeriscopeApiFamily;
  /** An existing admin's email: invitations name it, and roles are created by it. */
  readonly invitedBy: string;
}

export const PERISCOPE_SETTINGS = {
  site: "PERISCOPE_SITE",
  apiKey: "PERISCOPE_API_KEY",
  baseUrl: "PERISCOPE_BASE_URL",
  api: "PERISCOPE_API",
  invitedBy: "PERISCOPE_INVITED_BY",
} as const;

function splitList(value: string): string[] {
  return value.split(",").map((part) => part.trim());
}

function required(settings: VendorSettings, name: string, what: string): string {
  const value = settings[name]?.trim();
  if (value === undefined || value === "") {
    throw new ConfigError(name, `${name} is not set: ${what}.`, "CONFIG_MISSING");
  }
  return value;
}

/**
 * A setting that is either one value for every site or a comma-separated list with one value per
 * site, in PERISCOPE_SITE order. Never echoes the value (it may be a key).
 */
function perSite(name: string, raw: string, sites: readonly string[], secret: boolean): string[] {
  const values = splitList(raw);
  if (values.some((value) => value === "")) {
    throw new ConfigError(name, `${name} has an empty entry; separate one value per site with commas.`);
  }
  if (values.length === 1 && !secret) return sites.map(() => values[0] as string);
  if (values.length !== sites.length) {
    const expected = secret ? `exactly ${sites.length}` : `1 or ${sites.length}`;
    throw new ConfigError(
      name,
      `${name} has ${values.length} comma-separated value(s) but PERISCOPE_SITE names ${sites.length} site(s) ` +
        `(${sites.join(", ")}); give ${expected}, in the same order as PERISCOPE_SITE.`,
    );
  }
  return values;
}

function parseFamily(value: string): PeriscopeApiFamily {
  const lower = value.toLowerCase();
  if (lower === "v1" || lower === "v2") return lower;
  if (lower === "rbac") return "v2";
  throw new ConfigError(
    PERISCOPE_SETTINGS.api,
    `${PERISCOPE_SETTINGS.api} must be "v1" (users and groups) or "v2" (RBAC: users and roles), got ${shownValue(value)}.`,
  );
}

/**
 * Parses the PERISCOPE_* settings into one entry per site.
 *
 * Several sites in one run: PERISCOPE_SITE is a comma-separated list of site names and
 * PERISCOPE_API_KEY a comma-separated list of their keys in the same order (one site, one key:
 * docs/vendors/periscope.md#auth-and-hosts). PERISCOPE_API, PERISCOPE_BASE_URL and PERISCOPE_INVITED_BY take either one
 * value for all sites or one per site.
 */
export function parsePeriscopeSettings(settings: VendorSettings): PeriscopeSiteSettings[] {
  const siteRaw = required(settings, PERISCOPE_SETTINGS.site, "the site name from your dashboard URLs");
  const sites = splitList(siteRaw);
  if (sites.some((site) => site === "")) {
    throw new ConfigError(PERISCOPE_SETTINGS.site, `${PERISCOPE_SETTINGS.site} has an empty site name.`);
  }
  const duplicate = sites.find((site, index) => sites.indexOf(site) !== index);
  if (duplicate !== undefined) {
    throw new ConfigError(PERISCOPE_SETTINGS.site, `${PERISCOPE_SETTINGS.site} names site "${duplicate}" twice.`);
  }
  const keys = perSite(
    PERISCOPE_SETTINGS.apiKey,
    required(settings, PERISCOPE_SETTINGS.apiKey, "the site's API key (Billing and Authentication tab)"),
    sites,
    true,
  );
  const apis = perSite(PERISCOPE_SETTINGS.api, settings[PERISCOPE_SETTINGS.api]?.trim() || "v1", sites, false);
  const baseUrls = perSite(
    PERISCOPE_SETTINGS.baseUrl,
    settings[PERISCOPE_SETTINGS.baseUrl]?.trim() || DEFAULT_PERISCOPE_BASE_URL,
    sites,
    false,
  );
  const invitedBy = perSite(
    PERISCOPE_SETTINGS.invitedBy,
    required(settings, PERISCOPE_SETTINGS.invitedBy, "the email of an existing admin that invitations name"),
    sites,
    false,
  );
  for (const email of invitedBy) {
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
      throw new ConfigError(
        PERISCOPE_SETTINGS.invitedBy,
        `${PERISCOPE_SETTINGS.invitedBy} is not an email: ${shownValue(email)}.`,
      );
    }
  }
  return sites.map((site, index) => ({
    site,
    apiKey: keys[index] as string,
    baseUrl: parseUrlSetting(PERISCOPE_SETTINGS.baseUrl, baseUrls[index] as string),
    api: parseFamily(apis[index] as string),
    invitedBy: invitedBy[index] as string,
  }));
}
