import { ConfigError } from "../errors.js";
import { adobeVendor } from "./adobe/index.js";
import { periscopeVendor } from "./periscope/index.js";
import { sigmaVendor } from "./sigma/index.js";
import type { VendorModule } from "./vendor.js";
import { VENDOR_IDS, type VendorId } from "./vendor.js";

export * from "./adobe/index.js";
export * from "./memory/index.js";
export * from "./periscope/index.js";
export { secretValuesOf } from "./secret-values.js";
export * from "./sigma/index.js";

const modules: Readonly<Record<VendorId, VendorModule>> = {
  sigma: sigmaVendor,
  periscope: periscopeVendor,
  adobe: adobeVendor,
};

/** The vendor module for an id given by a user (flag, input); the error lists the valid ids. */
export function getVendorModule(id: string): VendorModule {
  if ((VENDOR_IDS as readonly string[]).includes(id)) return modules[id as VendorId];
  throw new ConfigError("vendor", `Unknown vendor "${id}". Roster supports: ${VENDOR_IDS.join(", ")}.`);
}
