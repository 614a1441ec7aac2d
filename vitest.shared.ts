import { defineConfig } from "vitest/config";

// Tests resolve @roster/* workspace packages to their TypeScript sources (the "roster-source"
// export condition), so a change in core is seen by cli and action tests without a rebuild.
export const sharedConfig = defineConfig({
  // Vite's own defaults are listed too: setting `conditions` replaces them.
  resolve: { conditions: ["roster-source", "module", "browser", "development|production"] },
  ssr: { resolve: { conditions: ["roster-source", "module", "node", "development|production"] } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    clearMocks: true,
    restoreMocks: true,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The JSON report feeds scripts/test-summary.mjs (the one closing count CI prints).
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-results.json" },
  },
});
