import { describe, expect, it } from "vitest";
import { parsePeriscopeSettings } from "./settings.js";

const base = {
  PERISCOPE_SITE: "acme",
  PERISCOPE_API_KEY: "secret-key-1234",
  PERISCOPE_INVITED_BY: "admin@acme.example",
};

function configError(run: () => unknown): { setting: string; code: string; message: string } {
  try {
    run();
  } catch (error) {
    return error as { setting: string; code: string; message: string };
  }
  throw new Error("expected a ConfigError");
}

describe("parsePeriscopeSettings", () => {
  it("defaults to the v1 API on api.periscopedata.com", () => {
    expect(parsePeriscopeSettings(base)).toEqual([
      {
        site: "acme",
        apiKey: "secret-key-1234",
        baseUrl: "https://api.periscopedata.com",
        api: "v1",
        invitedBy: "admin@acme.example",
      },
    ]);
  });

  it("reads several sites with keys in the same order and a per-site API family", () => {
    const sites = parsePeriscopeSettings({
      ...base,
      PERISCOPE_SITE: "one, two",
      PERISCOPE_API_KEY: "key-one-1111,key-two-2222",
      PERISCOPE_API: "v1,v2",
      PERISCOPE_BASE_URL: "https://app.periscopedata.com/",
    });
    expect(sites.map((site) => [site.site, site.apiKey, site.api, site.baseUrl, site.invitedBy])).toEqual([
      ["one", "key-one-1111", "v1", "https://app.periscopedata.com", "admin@acme.example"],
      ["two", "key-two-2222", "v2", "https://app.periscopedata.com", "admin@acme.example"],
    ]);
  });

  it("names PERISCOPE_API_KEY when the key count differs from the site count, without echoing keys", () => {
    const error = configError(() =>
      parsePeriscopeSettings({ ...base, PERISCOPE_SITE: "one,two", PERISCOPE_API_KEY: "only-one-key-9999" }),
    );
    expect(error.setting).toBe("PERISCOPE_API_KEY");
    expect(error.message).toMatch(/1 comma-separated value\(s\) but PERISCOPE_SITE names 2 site\(s\)/);
    expect(error.message).not.toContain("only-one-key-9999");
  });

  it("requires PERISCOPE_INVITED_BY, the site and the key", () => {
    const { PERISCOPE_INVITED_BY: _omit, ...withoutAdmin } = base;
    expect(configError(() => parsePeriscopeSettings(withoutAdmin))).toMatchObject({
      setting: "PERISCOPE_INVITED_BY",
      code: "CONFIG_MISSING",
    });
    expect(configError(() => parsePeriscopeSettings({ ...base, PERISCOPE_SITE: " " })).setting).toBe("PERISCOPE_SITE");
    expect(configError(() => parsePeriscopeSettings({ ...base, PERISCOPE_API_KEY: "" })).setting).toBe(
      "PERISCOPE_API_KEY",
    );
  });

  it("rejects an unknown API family, a duplicate site and a bad URL", () => {
    expect(configError(() => parsePeriscopeSettings({ ...base, PERISCOPE_API: "v3" })).setting).toBe("PERISCOPE_API");
    expect(
      configError(() => parsePeriscopeSettings({ ...base, PERISCOPE_SITE: "a,a", PERISCOPE_API_KEY: "k-1111,k-2222" }))
        .message,
    ).toMatch(/twice/);
    expect(configError(() => parsePeriscopeSettings({ ...base, PERISCOPE_BASE_URL: "not a url" })).setting).toBe(
      "PERISCOPE_BASE_URL",
    );
    expect(configError(() => parsePeriscopeSettings({ ...base, PERISCOPE_INVITED_BY: "nobody" })).setting).toBe(
      "PERISCOPE_INVITED_BY",
    );
  });
});
