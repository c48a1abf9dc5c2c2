// Any origin will do: only the path, query and hash of a same-origin result are kept.
const BASE = "http://stagewatch.invalid";

/**
 * Only a same-origin path may be a sign-in destination (no open redirect). The value is
 * parsed with URL against the app's origin, and refused when it carries control characters
 * (browsers drop tabs and newlines, so "/\t/evil" reads as "//evil"), backslashes or a
 * leading "//", or when it resolves to another origin. Never throws.
 */
export function safeCallbackUrl(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || !v.startsWith("/") || v.startsWith("//") || v.includes("\\")) return "/";
  if (/[\u0000-\u001f\u007f]/.test(v)) return "/";
  let url: URL;
  try {
    url = new URL(v, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE || url.pathname.startsWith("//") || url.pathname.startsWith("/login")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
