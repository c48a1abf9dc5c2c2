/**
 * The Origin a browser sends with every same-origin POST/PATCH/DELETE. Playwright's API
 * requests send none, and the app refuses state-changing requests without it (CSRF checks,
 * lib/security/csrf.ts), so specs that call the API directly send it themselves.
 */
export const SAME_ORIGIN = { origin: `http://127.0.0.1:${process.env.E2E_PORT}` };

export const sameOriginOf = (baseURL: string) => ({ origin: new URL(baseURL).origin });
