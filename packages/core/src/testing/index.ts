// @roster/core/testing: simulators and builders for tests, benchmarks, the demo and `roster sandbox`.
export * from "../simulator/index.js";
