import { randomInt } from "node:crypto";
import dgram from "node:dgram";
import net from "node:net";
import * as dnsPacket from "dns-packet";
import { ProbeFailure } from "./attempt";

/**
 * One DNS query over UDP, on the wire (dns-packet), so the response code arrives as the server
 * sent it: node:dns folds NXDOMAIN and an empty answer into errno codes, hides YXDOMAIN, NOTAUTH
 * and the rest, and retries on its own schedule. Recursion is asked for, as Gatus does.
 */

export interface DnsResponse {
  /** The response code by name, as Gatus's [DNS_RCODE] shows it: NOERROR, NXDOMAIN, SERVFAIL, REFUSED, … */
  rcode: string;
  answers: dnsPacket.Answer[];
  /** The server set TC: the answer did not fit in one datagram (no retry over TCP). */
  truncated: boolean;
  /** The address that answered. */
  from: string;
}

function rcodeOf(packet: dnsPacket.DecodedPacket): string {
  // dns-packet decodes the header's rcode by name; its type definitions leave the field out.
  if ("rcode" in packet && typeof packet.rcode === "string") return packet.rcode;
  return `RCODE_${(packet.flags ?? 0) & 0xf}`;
}

/**
 * Sends `name`/`type` to `host:port` and resolves with the response carrying the query's id. The
 * socket is connected, so datagrams from anyone else are dropped by the kernel and a closed port
 * shows as ECONNREFUSED; the signal closes it, so a silent server ends at the caller's deadline.
 */
export function queryDns(
  server: { host: string; port: number },
  question: { name: string; type: dnsPacket.RecordType },
  signal: AbortSignal,
): Promise<DnsResponse> {
  const id = randomInt(0, 65_536);
  const query = dnsPacket.encode({
    type: "query",
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type: question.type, name: question.name.replace(/\.$/, ""), class: "IN" }],
  });
  const socket = dgram.createSocket(net.isIPv6(server.host.replace(/^\[|\]$/g, "")) ? "udp6" : "udp4");
  return new Promise<DnsResponse>((resolve, reject) => {
    let done = false;
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      signal.removeEventListener("abort", onAbort);
      socket.close();
      outcome();
    };
    const onAbort = () => finish(() => reject(new Error("DNS query aborted")));
    if (signal.aborted) return finish(() => reject(new Error("DNS query aborted")));
    signal.addEventListener("abort", onAbort, { once: true });
    socket.on("error", (err) => finish(() => reject(err)));
    socket.on("message", (msg, rinfo) => {
      // Another query's late answer is not ours; keep waiting until the deadline.
      if (msg.length < 2 || msg.readUInt16BE(0) !== id) return;
      let packet: dnsPacket.DecodedPacket;
      try {
        packet = dnsPacket.decode(msg);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        return finish(() =>
          reject(new ProbeFailure("dns", `The nameserver's answer is not a valid DNS message (${why})`)),
        );
      }
      if (packet.type !== "response") return;
      const answers = (packet.answers ?? []).filter((a) => a.type !== "OPT");
      finish(() => resolve({ rcode: rcodeOf(packet), answers, truncated: packet.flag_tc, from: rinfo.address }));
    });
    // No connect callback: a failed lookup of a named nameserver then arrives as an 'error' event.
    socket.once("connect", () => socket.send(query));
    socket.connect(server.port, server.host.replace(/^\[|\]$/g, ""));
  });
}
