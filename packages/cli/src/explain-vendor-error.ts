import { ConfigError, isCoreError, type VendorId } from "@roster/core";
import type { CliIo } from "./io.js";

/**
 * The settings behind a vendor failure that is really a configuration problem (README: exit 2,
 * naming the setting): where the vendor is (URL settings) and who Roster is (credentials).
 */
const SETTINGS: Record<VendorId, { readonly urls: readonly string[]; readonly credentials: string }> = {
  sigma: { urls: ["SIGMA_BASE_URL"], credentials: "SIGMA_CLIENT_ID / SIGMA_CLIENT_SECRET" },
  periscope: { urls: ["PERISCOPE_BASE_URL"], credentials: "PERISCOPE_API_KEY" },
  adobe: {
    urls: ["ADOBE_UMAPI_URL", "ADOBE_IMS_URL"],
    credentials: "ADOBE_CLIENT_ID / ADOBE_CLIENT_SECRET / ADOBE_ORG_ID",
  },
};

const VENDOR_NAMES: Record<VendorId, string> = { sigma: "Sigma", periscope: "Periscope", adobe: "Adobe" };

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Turns a vendor failure that no retry can fix into a ConfigError naming the setting (exit 2):
 * - nothing listens at the vendor's address (connection refused, unknown host): the URL setting
 *   whose value the failed request used, or the first one when the default host was used;
 * - the vendor refused the credentials (401): the credential settings.
 * Anything else is returned unchanged. Vendors that already name their settings (Sigma's and
 * Adobe's token exchanges throw ConfigError) pass through untouched.
 */
export function explainVendorError(error: unknown, vendor: VendorId, target: string | undefined, io: CliIo): unknown {
  if (!isCoreError(error) || !("status" in error) || !("url" in error)) return error;
  const { status, url, ambiguous } = error as unknown as { status: number; url: string; ambiguous: boolean };
  const settings = SETTINGS[vendor];
  const name = VENDOR_NAMES[vendor];
  const site = target === undefined ? "" : ` for site ${target}`;
  // A connection that was never made: no request reached the vendor (send-attempt.ts).
  if (error.code === "HTTP_NETWORK" && status === 0 && !ambiguous) {
    const origin = originOf(url);
    const setting =
      settings.urls.find((candidate) => {
        const value = io.env[candidate];
        return value !== undefined && value !== "" && originOf(value) === origin;
      }) ?? settings.urls[0];
    const value = setting === undefined ? undefined : io.env[setting];
    const now = value === undefined || value === "" ? "not set, so the default host is used" : `now ${value}`;
    return new ConfigError(
      setting ?? vendor,
      `Cannot connect to ${name}${site} at ${origin ?? url}: check ${setting} (${now}). ${error.message}`,
    );
  }
  if (status === 401) {
    return new ConfigError(
      settings.credentials,
      `${name} refused the credentials${site} (401): check ${settings.credentials}. ${error.message}`,
    );
  }
  return error;
}
