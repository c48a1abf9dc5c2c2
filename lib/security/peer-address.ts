import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

import { PEER_ADDRESS_HEADER } from "./peer-address-header";
import { processSingleton } from "@/lib/base/singleton";

/**
 * Stamps every incoming HTTP request with its socket's address, overwriting whatever the
 * client sent under that name. Node publishes `http.server.request.start` synchronously
 * before the server's "request" event, so Next (started in this same process by `next start`
 * or the standalone server) sees the stamped header. Called once from instrumentation.ts.
 */
export function installPeerAddressHook(): void {
  const hook = processSingleton("peer-address-hook", () => ({ installed: false }));
  if (hook.installed) return;
  hook.installed = true;
  diagnostics.subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    stampPeer(request, socket.remoteAddress);
  });
}

export function stampPeer(request: IncomingMessage, address: string | undefined): void {
  request.headers[PEER_ADDRESS_HEADER] = address ?? "unknown";
  // rawHeaders is what some adapters copy; drop any client-sent copy so only ours remains.
  const raw = request.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    if (raw[i]?.toLowerCase() === PEER_ADDRESS_HEADER) raw.splice(i, 2);
  }
  raw.push(PEER_ADDRESS_HEADER, address ?? "unknown");
}
