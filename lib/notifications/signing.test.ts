import { describe, expect, it } from "vitest";
import { secretKey, signature, signedHeaders, verify } from "./signing";

// The example from the Standard Webhooks specification's reference implementations.
const SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const SPEC_TS = 1614265330;
const SPEC_BODY = '{"test": 2432232314}';
const SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

describe("Standard Webhooks signing", () => {
  it("matches the specification's example signature", () => {
    expect(signature(SPEC_SECRET, SPEC_ID, SPEC_TS, SPEC_BODY)).toBe(SPEC_SIGNATURE);
  });

  it("decodes the whsec_ secret as base64", () => {
    expect(secretKey("whsec_AAEC").equals(Buffer.from([0, 1, 2]))).toBe(true);
  });

  it("signs with id, timestamp and body; verify accepts it and refuses any change", () => {
    const now = 1_700_000_000_000;
    const h = signedHeaders(SPEC_SECRET, "overview-change-3", now, '{"a":1}');
    expect(h["webhook-timestamp"]).toBe("1700000000");
    expect(verify(SPEC_SECRET, h, '{"a":1}', now)).toBe(true);
    expect(verify(SPEC_SECRET, h, '{"a":2}', now)).toBe(false);
    expect(verify("whsec_b3RoZXI=", h, '{"a":1}', now)).toBe(false);
    expect(verify(SPEC_SECRET, { ...h, "webhook-id": "other" }, '{"a":1}', now)).toBe(false);
    expect(verify(SPEC_SECRET, h, '{"a":1}', now + 301_000)).toBe(false);
    expect(
      verify(SPEC_SECRET, { ...h, "webhook-signature": `v1,bogus ${h["webhook-signature"]}` }, '{"a":1}', now),
    ).toBe(true);
    expect(verify(SPEC_SECRET, {}, '{"a":1}', now)).toBe(false);
  });
});
