/**
 * Why next-auth could not read a POST body, or null when it can: next-auth reads JSON or
 * URL-encoded bodies and fails with a 500 on invalid JSON or a JSON value that is not an
 * object. (Other content types reach it as no body, which it handles.)
 */
export async function authBodyProblem(req: Request): Promise<string | null> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) return null;
  let value: unknown;
  try {
    value = await req.clone().json();
  } catch {
    return "(body): not valid JSON";
  }
  return value !== null && typeof value === "object" && !Array.isArray(value) ? null : "(body): expected a JSON object";
}
