// @roster/core/testing: the simulator kit and each vendor's simulator with its demo data, for tests,
// benchmarks, the demo and `roster sandbox`. Kept out of the main entry so the Action bundle and
// library users do not carry fake servers. Also the IMS token path and scope, which the benchmark's
// Adobe baseline needs to authenticate as Adobe's own client does.
export * from "../simulator/index.js";
export { IMS_TOKEN_PATH, UMAPI_SCOPE } from "../vendors/adobe/ims-auth.js";
export * from "../vendors/adobe/testing.js";
export * from "../vendors/periscope/testing.js";
export * from "../vendors/sigma/testing.js";
export * from "./demo-simulators.js";
