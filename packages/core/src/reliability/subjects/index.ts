import { adobeSubject } from "./adobe.js";
import { periscopeV1Subject, periscopeV2Subject } from "./periscope.js";
import { sigmaSubject } from "./sigma.js";
import type { ReliabilitySubject } from "./subject.js";

/**
 * Every vendor the shared reliability suites run over, one entry each (Periscope one per API
 * family). A new vendor adds its subjects/<vendor>.ts here (docs/adding-a-vendor.md).
 */
export const RELIABILITY_SUBJECTS: readonly ReliabilitySubject[] = [
  sigmaSubject,
  adobeSubject,
  periscopeV1Subject,
  periscopeV2Subject,
];
