/**
 * Runs once when the server starts: validate the environment and the staging config and
 * stop at once, naming every bad field, rather than fail later inside a request.
 */
export async function register() {
  // NEXT_RUNTIME is set by Next itself, not by the operator; it is not configuration.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server/start");
  startServer();
}
