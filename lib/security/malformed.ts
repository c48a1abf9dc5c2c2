/**
 * Why a request path cannot be decoded, or null when it can: bad percent-encoding
 * ("%ff", "%zz", a lone "%") or an encoded NUL. Checked per segment, as Next decodes them.
 */
export function malformedPath(pathname: string): string | null {
  for (const segment of pathname.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return `bad percent-encoding in "${segment.slice(0, 40)}"`;
    }
    if (decoded.includes("\u0000")) return "NUL character in the path";
  }
  return null;
}
