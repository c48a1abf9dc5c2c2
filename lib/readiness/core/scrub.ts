/**
 * Last line of defence for the public share link: replaces anything that looks like an
 * address (URL, IP, host name, socket path, Cloud SQL connection name) in text that leaves
 * the building. The texts are built not to contain any; labels and titles come from people.
 */
const PATTERNS: readonly RegExp[] = [
  /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi,
  /\[[0-9a-f:]+\](?::\d+)?/gi,
  /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g,
  /\blocalhost(?::\d+)?\b/gi,
  /(?:\/[\w.:@-]+){2,}\/?/g,
  /\b[a-z][a-z0-9-]*:[a-z][a-z0-9-]*:[a-z][a-z0-9-]*\b/gi,
  /(?:\*\.)?(?<![\w-])(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?\b/gi,
];

export const INTERNAL_ADDRESS = "an internal address";

export function scrubInternal(text: string): string {
  return PATTERNS.reduce((t, re) => t.replace(re, INTERNAL_ADDRESS), text);
}
