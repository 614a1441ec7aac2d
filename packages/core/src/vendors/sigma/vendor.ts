import type { TokenTransportOptions } from "../../http/types.js";
import type { CurrentUser } from "../../model/directory.js";
import type { UserField } from "../../plan/types.js";
import type { Capabilities, Vendor, VendorFactoryOptions, VendorModule, VendorSettings } from "../vendor.js";
import { applySigmaPlan } from "./apply.js";
import { rankSigmaRole } from "./mapping.js";
import { readSigmaDirectory, type SigmaReadIndex } from "./read.js";
import { parseSigmaSettings, SIGMA_SETTING } from "./settings.js";
import { connectSigma, type SigmaConnection } from "./transport.js";

const UPDATABLE_FIELDS: readonly UserField[] = ["firstName", "lastName", "role"];

/**
 * What Sigma supports (docs/vendors/sigma.md): teams (created on demand), account types ranked
 * admin > creator (= author) > explorer > viewer, user attributes, email changes, deactivation
 * and reactivation. Members cannot be deleted, only deactivated (docs/vendors/sigma.md#members), and Sigma has no
 * server-side dry run.
 */
export const sigmaCapabilities: Capabilities = {
  groupNoun: "team",
  groupSeparators: [";"],
  createGroup: true,
  roles: true,
  roleRank: rankSigmaRole,
  attributes: true,
  renameEmail: true,
  deactivate: true,
  reactivate: true,
  deleteUser: false,
  absentUserActions: ["ignore", "remove-groups", "deactivate"],
  updatableFields: (_user: CurrentUser) => UPDATABLE_FIELDS,
  isReservedGroup: () => false,
  serverCheck: false,
};

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
