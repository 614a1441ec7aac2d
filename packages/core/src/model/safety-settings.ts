import { ConfigError, shownValue } from "../errors.js";
import { defaultPolicy, type Policy, type RemovalAcknowledgement } from "./policy.js";

/**
 * The two safety settings, parsed once for the CLI flags, the Action inputs and roster.yml alike, so
 * the same text means the same thing everywhere. `setting` is the name the reader typed
 * (`--removal-threshold`, `removal-threshold`): every error names it.
 */

/**
 * `10%`, `10`, `10%,5`, `10,5` (also `;` or `/` before the floor): a percentage of the active managed
 * users, with an optional floor. Without a floor the default floor (5) applies, except that a
 * percentage of 0 means what it says: no destructive change without acknowledgement (floor 0).
 */
export function parseRemovalThreshold(text: string, setting: string): Policy["removalThreshold"] {
  const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*(?:[,;/]\s*(\d+)\s*)?$/.exec(text);
  if (!match?.[1]) {
    throw new ConfigError(
      setting,
      `${setting} must be a percentage from 0 to 100 with an optional floor, e.g. "10%,5" or "0"; got ${shownValue(text)}.`,
    );
  }
  const percent = Number(match[1]);
  if (percent > 100) throw new ConfigError(setting, `${setting} must be at most 100%; got ${shownValue(text)}.`);
  const floor = match[2] !== undefined ? Number(match[2]) : percent === 0 ? 0 : defaultPolicy.removalThreshold.floor;
  return { percent, floor };
}

/**
 * `7@3fa9c1d2`: the acknowledgement an unsafe plan prints, the count and the short digest of exactly
 * its destructive changes. A bare count (`7`) is read, so the plan can answer with the exact value
 * to use, but it never acknowledges anything (plan/safety.ts).
 */
export function parseAllowRemovals(text: string, setting: string): RemovalAcknowledgement {
  const match = /^\s*(\d+)\s*(?:@\s*([0-9a-fA-F]{8})\s*)?$/.exec(text);
  if (!match?.[1]) {
    throw new ConfigError(
      setting,
      `${setting} must be the acknowledgement an unsafe plan prints, a count and a digest such as "7@3fa9c1d2"; got ${shownValue(text)}.`,
    );
  }
  const count = Number(match[1]);
  return match[2] === undefined ? { count } : { count, digest: match[2].toLowerCase() };
}
