import { describe, expect, it } from "vitest";
import { detectGoogleAccess, isNoCredentials, NoCredentialsError, noCredentialsLine } from "./credentials";
import { UpstreamError } from "./upstream-error";

describe("detectGoogleAccess", () => {
  const EMU = "127.0.0.1:8085";
  it("both APIs on an emulator: no credentials needed, and none are looked for", async () => {
    let asked = 0;
    const find = async () => void asked++;
    expect(await detectGoogleAccess({ monitoringEmulatorHost: EMU, loggingEmulatorHost: EMU }, find)).toEqual({
      state: "emulator",
    });
    expect(asked).toBe(0);
  });

  it.each([
    ["no emulator", {}],
    ["only Monitoring emulated (Logging still needs credentials)", { monitoringEmulatorHost: EMU }],
  ])("%s: google-auth-library's answer decides", async (_name, settings) => {
    expect(await detectGoogleAccess(settings, async () => ({}))).toEqual({ state: "credentials" });
    const missing = await detectGoogleAccess(settings, async () => {
      throw new Error(
        "Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information.",
      );
    });
    expect(missing).toEqual({ state: "missing", reason: "Could not load the default credentials" });
  });

  it("the real google-auth-library, pointed at a key file that does not exist: missing", async () => {
    const before = process.env.GOOGLE_APPLICATION_CREDENTIALS;
    process.env.GOOGLE_APPLICATION_CREDENTIALS = "/nonexistent/stagewatch-key.json";
    try {
      const access = await detectGoogleAccess({});
      expect(access.state).toBe("missing");
    } finally {
      if (before === undefined) delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
      else process.env.GOOGLE_APPLICATION_CREDENTIALS = before;
    }
  });
});

describe("NoCredentialsError", () => {
  it("is an UpstreamError (so the cache and the answers treat it as one) that says unknown", () => {
    const err = new NoCredentialsError("monitoring", "Could not load the default credentials");
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.code).toBe("UNAUTHENTICATED");
    expect(err.message).toBe("unknown: no Google credentials (Could not load the default credentials)");
    expect(isNoCredentials(err)).toBe(true);
    expect(isNoCredentials(new UpstreamError("monitoring", "UNAUTHENTICATED", "bad token"))).toBe(false);
  });

  it("the start-up line: one line, only when credentials are missing", () => {
    const line = noCredentialsLine({ state: "missing", reason: "Could not load the default credentials" });
    expect(line).toMatch(/^Stagewatch: unknown: no Google credentials \(Could not load the default credentials\)/);
    expect(line).not.toContain("\n");
    expect(noCredentialsLine({ state: "credentials" })).toBeNull();
    expect(noCredentialsLine({ state: "emulator" })).toBeNull();
  });
});
