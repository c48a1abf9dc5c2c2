/**
 * Escaping for what channels render: reasons and titles come partly from probe errors, which a
 * probed target controls, so everything from outside is escaped for its medium.
 */

/** For HTML (email) and Google Chat's text widgets. */
export const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** For Slack mrkdwn: only these three are control characters there. */
export const escapeSlack = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** One line, no control characters: what may go into a mail header. */
export const oneLine = (s: string, max = 200): string =>
  s
    .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, " ")
    .trim()
    .slice(0, max);
