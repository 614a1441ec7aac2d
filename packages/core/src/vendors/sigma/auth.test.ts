import { describe, expect, it } from "vitest";
import { HttpError } from "../../http/index.js";
import type { HttpRequest } from "../../http/types.js";
import { createSigmaAuth } from "./auth.js";

function fakeTokenEndpoint(fail?: (form: Record<string, string>) => number | undefined) {
  const forms: Record<string, string>[] = [];
  let issued = 0;
  const send = async (request: HttpRequest) => {
    const form = { ...(request.form ?? {}) };
    forms.push(form);
    const status = fail?.(form);
    if (status !== undefined) {
      throw new HttpError({
        code: "HTTP_ERROR",
        method: "POST",
        url: "http://sigma.test/v2/auth/token",
        status,
        statusText: "",
        details: { message: "nope", code: "unauthorized" },
        body: undefined,
        attempts: 1,
        ambiguous: false,
      });
    }
    issued += 1;
    return { access_token: `tok${issued}`, refresh_token: `ref${issued}`, token_type: "bearer", expires_in: 3600 };
  };
  return { forms, send };
}

describe("Sigma auth", () => {
  it("mints once with client credentials as form fields and caches the token", async () => {
    const endpoint = fakeTokenEndpoint();
    const auth = createSigmaAuth({ clientId: "id", clientSecret: "secret", send: endpoint.send, now: () => 0 });
    expect(await auth.headers()).toEqual({ authorization: "Bearer tok1" });
    expect(await auth.headers()).toEqual({ authorization: "Bearer tok1" });
    expect(endpoint.forms).toEqual([{ grant_type: "client_credentials", client_id: "id", client_secret: "secret" }]);
  });

  it("renews with the refresh token shortly before expires_in runs out", async () => {
    const endpoint = fakeTokenEndpoint();
    let now = 0;
    const auth = createSigmaAuth({ clientId: "id", clientSecret: "secret", send: endpoint.send, now: () => now });
    await auth.headers();
    now = 3600 * 1000 - 30_000; // inside the one-minute margin
    expect(await auth.headers()).toEqual({ authorization: "Bearer tok2" });
    expect(endpoint.forms[1]).toEqual({ grant_type: "refresh_token", refresh_token: "ref1" });
  });

  it("falls back to client credentials when the refresh token is refused", async () => {
    const endpoint = fakeTokenEndpoint((form) => (form.grant_type === "refresh_token" ? 401 : undefined));
    let now = 0;
    const auth = createSigmaAuth({ clientId: "id", clientSecret: "secret", send: endpoint.send, now: () => now });
    await auth.headers();
    now = 2 * 3600 * 1000;
    expect(await auth.headers()).toEqual({ authorization: "Bearer tok2" });
    expect(endpoint.forms.map((form) => form.grant_type)).toEqual([
      "client_credentials",
      "refresh_token",
      "client_credentials",
    ]);
  });

  it("mints a fresh token on a 401 and asks for the request to be repeated", async () => {
    const endpoint = fakeTokenEndpoint();
    const auth = createSigmaAuth({ clientId: "id", clientSecret: "secret", send: endpoint.send, now: () => 0 });
    await auth.headers();
    expect(await auth.onUnauthorized?.()).toBe(true);
    expect(await auth.headers()).toEqual({ authorization: "Bearer tok2" });
  });

  it("turns refused credentials into a ConfigError that names the settings, not the secret", async () => {
    const endpoint = fakeTokenEndpoint(() => 401);
    const auth = createSigmaAuth({ clientId: "id", clientSecret: "s3cr3t-value", send: endpoint.send, now: () => 0 });
    const error = await auth.headers().catch((caught: unknown) => caught as Error & { code: string });
    expect(error).toMatchObject({ code: "CONFIG_INVALID", setting: "SIGMA_CLIENT_SECRET" });
    expect(error.message).toContain("SIGMA_CLIENT_ID");
    expect(error.message).not.toContain("s3cr3t-value");
  });
});
