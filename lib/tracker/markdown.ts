const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/**
 * User text placed inline in the Markdown report: it must stay one run of plain text.
 * - Line breaks and other control characters become spaces, so it cannot start a new block.
 * - Where the text starts a list item's content (mdLine), a leading block marker (#, >, -,
 *   +, "1. ") is escaped too: "- # x" would be a heading inside the item.
 * - Every character that can open an inline construct is backslash-escaped (CommonMark):
 *   links and images need "[", code spans "`", emphasis "*" "_", strikethrough "~", raw HTML
 *   and autolinks "<", entities "&", table cells end at "|", and "\" itself.
 * - GFM turns bare "http://…", "www.…" and "a@b.c" into links: "://", "www." and "@" are broken.
 */
export function mdText(text: string): string {
  return text
    .replace(CONTROL, " ")
    .trim()
    .replace(/[\\`*_[\]<|&~@]/g, (c) => `\\${c}`)
    .replace(/:\/\//g, ":\\/\\/")
    .replace(/\b(www)\./gi, "$1\\.");
}

/** mdText for text that starts a block's content (a list item's). */
export function mdLine(text: string): string {
  return mdText(text)
    .replace(/^([#>+\-=])/, "\\$1")
    .replace(/^(\d+)([.)])(?=\s|$)/, "$1\\$2");
}

/** A code span whose fence is longer than any run of backticks inside, on one line. */
export function mdCode(text: string): string {
  const flat = text.replace(CONTROL, " ").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}
