/**
 * The header that carries the TCP peer's address to proxy.ts and route handlers (set by
 * peer-address.ts, which overwrites any client-sent value). Next's handlers see only a
 * Request, and Next fills `x-forwarded-for` from the socket only when the client sent none,
 * so that header cannot stand for the peer.
 */
export const PEER_ADDRESS_HEADER = "x-stagewatch-peer-address";
