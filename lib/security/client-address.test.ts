import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";
import { installPeerAddressHook } from "./peer-address";
import { PEER_ADDRESS_HEADER } from "./peer-address-header";

const P = PEER_ADDRESS_HEADER;

describe("clientAddress", () => {
  it.each([
    [
      "0 hops: the peer, whatever X-Forwarded-For says",
      { [P]: "10.0.0.9", "x-forwarded-for": "1.1.1.1" },
      0,
      "10.0.0.9",
    ],
    ["0 hops and no stamp: one shared 'unknown' bucket", { "x-forwarded-for": "1.1.1.1" }, 0, "unknown"],
    [
      "1 hop: the entry the proxy appended",
      { [P]: "10.0.0.1", "x-forwarded-for": "6.6.6.6, 203.0.113.7" },
      1,
      "203.0.113.7",
    ],
    [
      "1 hop, client-forged entries left of it are ignored",
      { [P]: "10.0.0.1", "x-forwarded-for": "1.1.1.1,2.2.2.2, 203.0.113.7" },
      1,
      "203.0.113.7",
    ],
    ["2 hops", { [P]: "10.0.0.2", "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.1" }, 2, "203.0.113.7"],
    ["1 hop but the request bypassed the proxy: the peer", { [P]: "198.51.100.4" }, 1, "198.51.100.4"],
    [
      "3 hops, chain too short: the leftmost entry",
      { [P]: "10.0.0.1", "x-forwarded-for": "203.0.113.7" },
      3,
      "203.0.113.7",
    ],
  ])("%s", (_name, headers, hops, expected) => {
    expect(clientAddress(new Headers(headers), hops)).toBe(expected);
    expect(clientAddress(headers, hops)).toBe(expected);
  });
});

describe("installPeerAddressHook", () => {
  it("stamps the socket's address on a real request, over a value the client sent", async () => {
    installPeerAddressHook();
    const server = http.createServer((req, res) => {
      res.end(
        JSON.stringify({
          header: req.headers[P],
          raw: req.rawHeaders.filter((_, i, a) => a[i - 1]?.toLowerCase() === P),
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { [P]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" },
      });
      expect(await res.json()).toEqual({ header: "127.0.0.1", raw: ["127.0.0.1"] });
    } finally {
      server.close();
    }
  });
});
