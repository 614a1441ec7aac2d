import type { TokenTransportOptions } from "../../http/types.js";
import type { Vendor, VendorFactoryOptions, VendorModule, VendorSettings } from "../vendor.js";
import { applySigmaPlan } from "./apply.js";
import { sigmaCapabilities } from "./capabilities.js";
import { readSigmaDirectory, type SigmaReadIndex } from "./read.js";
import { parseSigmaSettings, SIGMA_SETTING } from "./settings.js";
import { connectSigma, type SigmaConnection } from "./transport.js";

/** Builds a Sigma vendor; `transport` is the test seam (dispatcher, sleep, retry policy, clock). */
export function createSigmaVendor(
  settings: VendorSettings,
  options: VendorFactoryOptions,
  transport: TokenTransportOptions = {},
): Vendor & { readonly connection: SigmaConnection } {
  const parsed = parseSigmaSettings(settings);
  const connection = connectSigma(parsed, options.mode, options.logger, {
    ...transport,
    ...(options.onSecret !== undefined && { onSecret: options.onSecret }),
  });
  let index: SigmaReadIndex | undefined;
  return {
    id: "sigma",
    capabilities: sigmaCapabilities,
    connection,
    async read(context) {
      const result = await readSigmaDirectory(connection.client, context);
      index = result.index;
      return result.directory;
    },
    apply(plan, directory, session) {
      return applySigmaPlan(
        { client: connection.client, sendInvite: parsed.sendInvite, index },
        plan,
        directory,
        session,
      );
    },
    close: () => connection.close(),
  };
}

export const sigmaVendor = {
  id: "sigma",
  secretSettings: [SIGMA_SETTING.clientSecret],
  capabilities: sigmaCapabilities,
  create: (settings, options) => [createSigmaVendor(settings, options)],
} satisfies VendorModule;
