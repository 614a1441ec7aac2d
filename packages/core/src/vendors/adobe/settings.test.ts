import { describe, expect, it } from "vitest";
import { ADOBE_RATE_LIMITS } from "./rate-limits.js";
import { JWT_MIGRATION_URL, parseAdobeSettings } from "./settings.js";

const base = { ADOBE_ORG_ID: "ABC@AdobeOrg", ADOBE_CLIENT_ID: "id", ADOBE_CLIENT_SECRET: "s3cret-value" };

describe("parseAdobeSettings", () => {
  it("applies the documented defaults", () => {
    expect(parseAdobeSettings(base)).toEqual({
      orgId: "ABC@AdobeOrg",
      clientId: "id",
      clientSecret: "s3cret-value",
      umapiUrl: "https://usermanagement.adobe.io/v2/usermanagement",
      imsUrl: "https://ims-na1.adobelogin.com",
      defaultIdentityType: "federatedID",
      rateLimits: ADOBE_RATE_LIMITS,
    });
  });

  it("reads the optional settings", () => {
    const settings = parseAdobeSettings({
      ...base,
      ADOBE_DEFAULT_IDENTITY_TYPE: "EnterpriseID",
      ADOBE_DEFAULT_COUNTRY: "gb",
      ADOBE_RATE_LIMITS: "action=2/1s",
      ADOBE_UMAPI_URL: "http://127.0.0.1:9/v2/usermanagement/",
    });
    expect(settings).toMatchObject({
      defaultIdentityType: "enterpriseID",
      defaultCountry: "GB",
      umapiUrl: "http://127.0.0.1:9/v2/usermanagement",
      rateLimits: { ...ADOBE_RATE_LIMITS, action: { limit: 2, windowMs: 1000 } },
    });
  });

  it("names the missing or invalid setting", () => {
    expect(() => parseAdobeSettings({ ...base, ADOBE_ORG_ID: " " })).toThrow(
      expect.objectContaining({ setting: "ADOBE_ORG_ID", code: "CONFIG_MISSING" }),
    );
    expect(() => parseAdobeSettings({ ...base, ADOBE_DEFAULT_IDENTITY_TYPE: "google" })).toThrow(
      expect.objectContaining({ setting: "ADOBE_DEFAULT_IDENTITY_TYPE" }),
    );
    expect(() => parseAdobeSettings({ ...base, ADOBE_DEFAULT_COUNTRY: "USA" })).toThrow(
      expect.objectContaining({ setting: "ADOBE_DEFAULT_COUNTRY" }),
    );
  });

  it("rejects a JWT service-account configuration and explains the migration", () => {
    let error: unknown;
    try {
      parseAdobeSettings({
        ...base,
        ADOBE_TECH_ACCOUNT_ID: "tech@techacct.adobe.com",
        ADOBE_PRIVATE_KEY_PATH: "private.key",
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ name: "ConfigError", setting: "ADOBE_TECH_ACCOUNT_ID", code: "CONFIG_INVALID" });
    const message = (error as Error).message;
    expect(message).toContain("end of life on June 30, 2025");
    expect(message).toContain("OAuth Server-to-Server");
    expect(message).toContain(JWT_MIGRATION_URL);
    expect(message).not.toContain("s3cret-value");
  });
});
