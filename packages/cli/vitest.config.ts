import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.ts";

export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      // The end-to-end tests spawn bin/roster.js, which runs the compiled dist.
      globalSetup: ["./src/__tests__/global-setup.ts"],
      // Each end-to-end test runs several `roster` processes one after the other (about 1-2 s each);
      // on a loaded 2-core CI machine three of them took over 30 s. A timeout is no assertion.
      testTimeout: 90_000,
    },
  }),
);
