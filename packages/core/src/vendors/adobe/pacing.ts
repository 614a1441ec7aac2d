import type { SlidingWindow, SlidingWindowPacer } from "../../http/index.js";
import { createSlidingWindowPacer } from "../../http/index.js";
import type { AdobeRateLimits, RateClass } from "./rate-limits.js";
import { pacerMarginMs, RATE_CLASS_OF_LABEL } from "./rate-limits.js";

/**
 * UMAPI's documented throttles as pacer windows (docs/vendors/adobe.md#reading-users-and-groups, docs/vendors/adobe.md#action-api): we wait for room instead of
 * collecting 429s. The global window counts every UMAPI request this client sends; IMS token
 * requests go to another host and are not paced.
 */
export function adobePacerWindows(limits: AdobeRateLimits): SlidingWindow[] {
  const perClass = (name: Exclude<RateClass, "global">): SlidingWindow => ({
    name,
    limit: limits[name].limit,
    windowMs: limits[name].windowMs,
    matches: (request) => request.label !== undefined && RATE_CLASS_OF_LABEL[request.label] === name,
  });
  return [
    perClass("action"),
    perClass("users"),
    perClass("groups"),
    {
      name: "global",
      limit: limits.global.limit,
      windowMs: limits.global.windowMs,
      matches: (request) => request.label !== undefined && RATE_CLASS_OF_LABEL[request.label] !== undefined,
    },
  ];
}

export function createAdobePacer(
  limits: AdobeRateLimits,
  options: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {},
): SlidingWindowPacer {
  return createSlidingWindowPacer(adobePacerWindows(limits), { ...options, marginMs: pacerMarginMs(limits) });
}
