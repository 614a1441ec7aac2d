// @roster/core/testing simulator kit: the shared machinery behind every vendor simulator.
export { CONTROL_PREFIX } from "./control.js";
export {
  CORRUPT_KINDS,
  type CorruptKind,
  corruptAnswer,
  createFaultBook,
  type FaultBook,
  spoilAnswer,
  validateFault,
} from "./faults.js";
export { createIdGenerator, type IdGenerator } from "./ids.js";
export { decodePageToken, encodePageToken, type Page, paginateOffset } from "./paginate.js";
export { createPrng } from "./prng.js";
export { createRouter, type RouteMatch, type Router } from "./router.js";
export { NOT_FOUND_ROUTE, type SimulatorOptions, type StartedSimulator, startSimulator } from "./server.js";
export type * from "./types.js";
