/**
 * Runs once when the server starts: validate the environment and the staging config and
 * stop at once, naming every bad field, rather than fail later inside a request.
 */
export async function register() {
  // NEXT_RUNTIME is set by Next itself, not by the operator; it is not configuration.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First, so every request after start-up carries its socket's address (rate limits).
  const { installPeerAddressHook } = await import("./lib/security/peer-address");
  installPeerAddressHook();
  const { startServer } = await import("./lib/server/start");
  startServer();
}
