// biome-ignore-all lint/style/noDefaultExport: vitest loads the default export.
import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.ts";

export default mergeConfig(
  sharedConfig,
  defineConfig({
    // Builds dist/ when missing or stale: the end-to-end tests run the bundle itself.
    test: { globalSetup: ["./test/global-setup.ts"] },
  }),
);
