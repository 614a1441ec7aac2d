import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.ts";

export default mergeConfig(
  sharedConfig,
  defineConfig({
    // The end-to-end tests spawn bin/roster.js, which runs the compiled dist.
    test: { globalSetup: ["./src/__tests__/global-setup.ts"] },
  }),
);
