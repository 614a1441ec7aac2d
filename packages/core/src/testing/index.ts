// @roster/core/testing: the simulator kit and each vendor's simulator with its demo data, for tests,
// benchmarks, the demo and `roster sandbox`. Kept out of the main entry so the Action bundle and
// library users do not carry fake servers.
export * from "../simulator/index.js";
export * from "../vendors/adobe/testing.js";
export * from "../vendors/periscope/testing.js";
export * from "../vendors/sigma/testing.js";
