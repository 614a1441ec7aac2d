import { ConfigError, shownValue } from "../errors.js";

/**
 * A vendor's URL setting (`SIGMA_BASE_URL`, `PERISCOPE_BASE_URL`, `ADOBE_UMAPI_URL`...): an http(s)
 * URL, returned without trailing slashes so paths join with one. The error names the setting and
 * shows the value only as `shownValue` does (a secret pasted into the wrong variable stays hidden);
 * `hint` says what to write instead.
 */
export function parseUrlSetting(name: string, raw: string, hint?: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new ConfigError(
      name,
      `${name} is not an http(s) URL: ${shownValue(raw)}.${hint === undefined ? "" : ` ${hint}`}`,
    );
  }
  return raw.replace(/\/+$/, "");
}
