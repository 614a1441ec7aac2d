// @roster/core HTTP layer: the client every vendor uses, its errors, redaction and pacing.
export { createHttpClient, type HttpClient, type HttpClientStats, type HttpClientTestOptions } from "./http-client.js";
export { HttpError, type HttpErrorCode, type HttpErrorInit, isHttpError, parseVendorError } from "./http-error.js";
export {
  createListingSplitter,
  type ListingSplitter,
  type ListingSplitterOptions,
  MalformedJsonError,
  type SplitListing,
  TwoListsError,
} from "./json-listing-splitter.js";
export {
  createSlidingWindowPacer,
  type SlidingWindow,
  type SlidingWindowPacer,
  type SlidingWindowPacerOptions,
} from "./pacer.js";
export { allowAny, allowPaths, allowTestModeQuery, type ReadOnlyAllowance } from "./read-only-guard.js";
export { createRedactor, REDACTED, type Redactor, redactUrl, redactValue, SECRET_QUERY_PARAMS } from "./redact.js";
export {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  DEFAULT_RETRY_STATUSES,
  NOT_PROCESSED_STATUSES,
  parseRetryAfter,
} from "./retry-policy.js";
export { readWholeBody } from "./send-attempt.js";
export type * from "./types.js";
export {
  anyJsonObject,
  describeBody,
  incompleteListing,
  type ListingTracker,
  malformedJson,
  parseWire,
  parseWireAt,
  requestName,
  trackListing,
  type WireRequest,
} from "./wire-schema.js";
