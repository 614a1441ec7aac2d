import { allowTestModeQuery, createHttpClient, type HttpClient } from "../../http/index.js";
import type { TransportOptions } from "../../http/types.js";
import type { Logger, RunMode } from "../vendor.js";
import type { PeriscopeSiteSettings } from "./settings.js";
import { PARTNER_AUTH_HEADER, TEST_MODE_PARAM } from "./wire-types.js";

/**
 * The shared HTTP client configured for one site: the partner-auth header (docs/vendors/periscope.md#auth-and-hosts), the
 * key and the whole header value registered as secrets, and in plan mode a read-only guard whose
 * only exception is the vendor's own dry run, `test_mode=true` in the final URL.
 */
export function createPeriscopeHttp(
  site: PeriscopeSiteSettings,
  mode: RunMode,
  logger: Logger,
  overrides: TransportOptions = {},
): HttpClient {
  const authValue = `${site.site}:${site.apiKey}`;
  return createHttpClient({
    baseUrl: site.baseUrl,
    mode: mode === "plan" ? "read-only" : "read-write",
    allowInReadOnly: allowTestModeQuery(TEST_MODE_PARAM),
    auth: { headers: async () => ({ [PARTNER_AUTH_HEADER]: authValue }) },
    secrets: [site.apiKey, authValue],
    logger,
    ...overrides,
  });
}
