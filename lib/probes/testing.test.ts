import { describe, expect, it } from "vitest";
import { selfSignedCert } from "./testing";

// The TLS probe tests skip without openssl, except under npm test, which installs it and sets
// STAGEWATCH_REQUIRE_OPENSSL=1: there a missing openssl must fail the run, not skip silently.
describe("selfSignedCert", () => {
  it("missing openssl: null (the TLS tests skip) unless required, then it throws naming openssl", () => {
    expect(selfSignedCert({ openssl: "/nonexistent/openssl", required: false })).toBeNull();
    expect(() => selfSignedCert({ openssl: "/nonexistent/openssl", required: true })).toThrow(
      /openssl is required for this run/,
    );
  });

  it.skipIf(!selfSignedCert({ required: false }))("with openssl: a PEM key and certificate", () => {
    const cert = selfSignedCert({ required: true });
    expect(cert?.key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(cert?.cert).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });
});

describe("the TLS test files under STAGEWATCH_REQUIRE_OPENSSL=1 without openssl", () => {
  it("fail at load instead of skipping", async () => {
    const { spawnSync } = await import("node:child_process");
    // A PATH with node but no openssl: the file's top-level selfSignedCert() must throw.
    const res = spawnSync(
      process.execPath,
      [
        "node_modules/vitest/vitest.mjs",
        "run",
        "lib/probes/check/http-probe.test.ts",
        "-t",
        "HTTPS with a self-signed certificate",
      ],
      {
        env: { ...process.env, PATH: "/nonexistent", STAGEWATCH_REQUIRE_OPENSSL: "1", FORCE_COLOR: "0" },
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    expect(res.status).not.toBe(0);
    expect(res.stdout + res.stderr).toContain("openssl is required for this run");
  }, 150_000);
});
