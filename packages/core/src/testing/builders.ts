// @roster/core/testing/builders: desired states, directories and capabilities built as values, for
// tests only. Resolved from source (the "roster-source" condition vitest uses, and `types` for tsc),
// never compiled into dist: no runtime code outside a test imports it.
export * from "../plan/test-builders.js";
