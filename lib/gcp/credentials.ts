import "server-only";
import { googleAuthLibrary } from "google-gax";
import { UpstreamError, type UpstreamApi } from "./upstream-error";

/**
 * Whether this process can call Google at all. Without Application Default Credentials (no
 * GOOGLE_APPLICATION_CREDENTIALS, no `gcloud auth application-default login`, no metadata
 * server) and no emulator, each client's first call fails inside google-gax's stub set-up,
 * which nobody awaits: an `unhandledRejection` per read. Asked once per process instead, and
 * every read of an API that needs credentials becomes a NoCredentialsError, which the
 * cache and the metrics answers already show as unknown.
 */
export type GoogleAccess = { state: "emulator" } | { state: "credentials" } | { state: "missing"; reason: string };

export const NO_CREDENTIALS = "unknown: no Google credentials";

/** A read refused before it reached Google: there is nothing to authenticate with. */
export class NoCredentialsError extends UpstreamError {
  /** Checked by shape, not instanceof: Next may load this module once per route bundle. */
  readonly noCredentials = true;
  constructor(api: UpstreamApi, reason: string) {
    super(api, "UNAUTHENTICATED", `${NO_CREDENTIALS} (${reason})`);
    this.name = "NoCredentialsError";
  }
}

export function isNoCredentials(err: unknown): boolean {
  return typeof err === "object" && err !== null && "noCredentials" in err && err.noCredentials === true;
}

export type AccessSettings = { monitoringEmulatorHost?: string; loggingEmulatorHost?: string };

/** google-auth-library's own search (the file, gcloud's, the metadata server), once. */
async function defaultFindCredentials(): Promise<void> {
  await new googleAuthLibrary.GoogleAuth({ scopes: ["https://www.googleapis.com/auth/cloud-platform"] }).getClient();
}

/** Emulators for both APIs need nothing; otherwise google-auth-library is asked once. */
export async function detectGoogleAccess(
  settings: AccessSettings,
  findCredentials: () => Promise<unknown> = defaultFindCredentials,
): Promise<GoogleAccess> {
  if (settings.monitoringEmulatorHost && settings.loggingEmulatorHost) return { state: "emulator" };
  try {
    await findCredentials();
    return { state: "credentials" };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { state: "missing", reason: message.split(". ")[0] ?? message };
  }
}

/** The one line the server logs at start-up when it has no credentials. */
export function noCredentialsLine(access: GoogleAccess): string | null {
  if (access.state !== "missing") return null;
  return `Stagewatch: ${NO_CREDENTIALS} (${access.reason}). Cloud Monitoring and Cloud Logging figures show as unknown until the server runs with Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud auth application-default login, or the metadata server on Google Cloud) or with MONITORING_EMULATOR_HOST and LOGGING_EMULATOR_HOST.`;
}
