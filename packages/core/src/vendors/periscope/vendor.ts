import type { TransportOptions } from "../../http/types.js";
import type { Vendor, VendorFactoryOptions, VendorModule, VendorSettings } from "../vendor.js";
import { createPeriscopeV1Client } from "./client-v1.js";
import { createPeriscopeV2Client } from "./client-v2.js";
import { createV1Family } from "./family-v1.js";
import { createV2Family } from "./family-v2.js";
import { createPeriscopeHttp } from "./periscope-http.js";
import { PERISCOPE_SETTINGS, parsePeriscopeSettings } from "./settings.js";
import { countRequests, createSiteVendor, periscopeCapabilities } from "./site-vendor.js";

/**
 * One Vendor per site named in PERISCOPE_SITE, each with its own key and API family; plans and reports are per site (`target` = site name).
 */
export function createPeriscopeVendors(
  settings: VendorSettings,
  options: VendorFactoryOptions,
  overrides: TransportOptions = {},
): Vendor[] {
  return parsePeriscopeSettings(settings).map((site) => {
    const http = createPeriscopeHttp(site, options.mode, options.logger, overrides);
    const counter = { count: 0 };
    const counted = countRequests(http, counter);
    const family =
      site.api === "v1"
        ? createV1Family(createPeriscopeV1Client(counted), site.invitedBy)
        : createV2Family(createPeriscopeV2Client(counted), site.invitedBy);
    return createSiteVendor({
      settings: site,
      family,
      counter,
      close: () => http.close(),
    });
  });
}

export const periscopeVendor: VendorModule = {
  id: "periscope",
  secretSettings: [PERISCOPE_SETTINGS.apiKey],
  // Before settings are read the family is unknown: v1 sites have groups, RBAC sites roles.
  capabilities: periscopeCapabilities("group or role"),
  create: (settings, options) => createPeriscopeVendors(settings, options),
};
