import { defineConfig } from "vitest/config";

// Tests resolve @roster/* workspace packages to their TypeScript sources (the "roster-source"
// export condition), so a change in core is seen by cli and action tests without a rebuild.
export const sharedConfig = defineConfig({
  resolve: { conditions: ["roster-source"] },
  ssr: { resolve: { conditions: ["roster-source"] } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    clearMocks: true,
    restoreMocks: true,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
