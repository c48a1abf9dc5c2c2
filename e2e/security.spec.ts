import { expect, test } from "@playwright/test";
import { randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { PERMISSIONS, can, type Permission } from "../lib/auth/roles";
import { hit, Jar, savedCookie, signInOverHttp, signOutOverHttp } from "./http-session";
import { startOwnStack, type OwnStack } from "./own-stack";
import { discoverRoutes, ROUTE_MATRIX, type Method } from "./route-matrix";
import { DEMO_PASSWORD, DEMO_ROLES, readStackState, storageStateFor, type DemoUser } from "./stack-state";

const base = () => readStackState().baseURL;
const EVIL = "https://evil.example";
const WRITE: Method[] = ["POST", "PUT", "PATCH", "DELETE"];

/** A same-origin JSON request, as the app's own pages send it. */
function sameOrigin(method: Method, cookie: string, body?: string): RequestInit {
  const headers: Record<string, string> = { cookie, origin: base() };
  if (body !== undefined) headers["content-type"] = "application/json";
  return { method, headers, ...(body !== undefined ? { body } : {}) };
}

test.describe("role × route (generated from app/api/**/route.ts)", () => {
  const routes = discoverRoutes();

  test("every route file and exported method has a matrix entry, and every entry a route", () => {
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.flatMap((r) =>
      r.methods.filter((m) => !ROUTE_MATRIX[r.file]?.methods[m]).map((m) => `${m} ${r.file}`),
    );
    expect(
      missing,
      "routes without a sample path in e2e/route-matrix.ts or a declaration in lib/auth/route-access.ts",
    ).toEqual([]);
    const stale = Object.entries(ROUTE_MATRIX).flatMap(([file, e]) =>
      Object.keys(e.methods)
        .filter((m) => !routes.find((r) => r.file === file)?.methods.includes(m as Method))
        .map((m) => `${m} ${file}`),
    );
    expect(stale, "declarations (lib/auth/route-access.ts) without a route").toEqual([]);
    for (const need of Object.values(ROUTE_MATRIX).flatMap((e) => Object.values(e.methods))) {
      expect(need === "public" || (PERMISSIONS as readonly string[]).includes(need)).toBe(true);
    }
  });

  for (const { file, methods } of routes) {
    for (const method of methods) {
      test(`${method} ${file}`, async () => {
        const entry = ROUTE_MATRIX[file];
        const need = entry?.methods[method];
        if (!entry || !need) throw new Error(`no matrix entry for ${method} ${file}`);
        const url = `${base()}${entry.path}`;
        const body = WRITE.includes(method) && method !== "DELETE" ? "{}" : undefined;

        const anon = await hit(url, sameOrigin(method, "", body));
        if (need === "public") expect(anon.status, `anonymous ${method} ${entry.path}`).not.toBe(401);
        else expect(anon.status, `anonymous ${method} ${entry.path}`).toBe(401);
        expect(anon.status).toBeLessThan(500);

        for (const user of Object.keys(DEMO_ROLES) as DemoUser[]) {
          const role = DEMO_ROLES[user];
          const res = await hit(url, sameOrigin(method, savedCookie(user), body));
          const label = `${role} ${method} ${entry.path} → ${res.status} ${(await res.text()).slice(0, 200)}`;
          expect(res.status, label).toBeLessThan(500);
          if (need !== "public" && !can(role, need as Permission)) expect(res.status, label).toBe(403);
          else expect([401, 403], label).not.toContain(res.status);
        }
      });
    }
  }
});

test.describe("hostile sweep over every route", () => {
  test("at least 200 malformed requests, no 5xx", async () => {
    test.setTimeout(300_000);
    const admin = savedCookie("admin");
    const requests: { url: string; init: RequestInit }[] = [];
    const QUERIES = [
      "%",
      "a=%ff",
      "%zz=1",
      `range=${"x".repeat(5000)}`,
      "range=24h&range=7d",
      "__proto__[x]=1",
      "demoAt=not-a-date",
      "version=-1",
      "username=%00",
      "since=%E0%A4%A",
      "from=99999999999999999999999",
      "format=../../etc",
    ];
    const SEGMENTS = [
      "%ff",
      "%2e%2e%2f%2e%2e",
      "x".repeat(300),
      "%00",
      "%C3%A9t%C3%A9",
      "a%2Fb",
      "'%20OR%201=1--",
      "%E0%A4%A",
    ];
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const BODIES = [
      "{",
      "[]",
      "null",
      '"s"',
      "1e309",
      '{"__proto__":{"admin":true}}',
      deep,
      '{"title":123,"owner":[],"version":"x"}',
      '{"expiresInSeconds":-1}',
      '{"demoAt":"%ff"}',
      "\u0000",
      JSON.stringify({ note: "x".repeat(100_000) }),
    ];

    for (const { file, methods } of discoverRoutes()) {
      const entry = ROUTE_MATRIX[file];
      if (!entry) continue;
      const [pathname = ""] = entry.path.split("?");
      for (const method of methods) {
        const writes = WRITE.includes(method);
        const init = (body?: string): RequestInit => sameOrigin(method, admin, body);
        if (!writes) for (const q of QUERIES) requests.push({ url: `${base()}${pathname}?${q}`, init: init() });
        // Each dynamic segment of the sample path (those that stand for [param]) replaced by hostile text.
        const dynamicIndexes = file
          .split("/")
          .slice(1, -1)
          .flatMap((seg, i) => (seg.startsWith("[") && !seg.startsWith("[...") ? [i] : []));
        for (const index of dynamicIndexes) {
          for (const s of SEGMENTS) {
            const parts = pathname.split("/").slice(1);
            parts[index] = s;
            requests.push({
              url: `${base()}/${parts.join("/")}`,
              init: init(writes && method !== "DELETE" ? "{}" : undefined),
            });
          }
        }
        if (writes) for (const b of BODIES) requests.push({ url: `${base()}${entry.path}`, init: init(b) });
      }
    }
    for (const p of [
      "/share/%ff",
      "/api/share/%ff",
      "/%ff",
      "/probes/%ff",
      "/login?callbackUrl=%ff",
      "/login?callbackUrl=%0d%0aSet-Cookie:x=1",
    ]) {
      requests.push({ url: `${base()}${p}`, init: { headers: { cookie: admin } } });
    }
    expect(requests.length).toBeGreaterThanOrEqual(200);

    const failures: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < requests.length) {
          const r = requests[next++];
          if (!r) break;
          const res = await hit(r.url, r.init);
          if (res.status >= 500)
            failures.push(
              `${r.init.method ?? "GET"} ${r.url.slice(0, 160)} → ${res.status} ${(await res.text()).slice(0, 160)}`,
            );
        }
      }),
    );
    console.log(`hostile sweep: ${requests.length} requests, ${failures.length} × 5xx`);
    expect(failures).toEqual([]);
  });

  test("malformed percent-encoding in a share path is 400, not 500", async () => {
    for (const p of ["/share/%ff", "/api/share/%ff", "/api/probes/%E0%A4%A"]) {
      expect((await hit(`${base()}${p}`)).status, p).toBe(400);
    }
  });
});

test.describe("redirects", () => {
  const cases = [
    "%2F%09%2Fevil.example",
    "%2F%0A%2Fevil.example",
    "%2F%0D%0A%2Fevil.example",
    "https%3A%2F%2Fevil.example",
    "%2F%2Fevil.example",
    "%2F%5Cevil.example",
    "%2F%5C%2Fevil.example",
    "javascript%3Aalert(1)",
    "%ff",
  ];
  for (const c of cases) {
    test(`signed in, /login?callbackUrl=${c} goes home, never off-site`, async () => {
      const res = await hit(`${base()}/login?callbackUrl=${c}`, { headers: { cookie: savedCookie("leader") } });
      expect(res.status).toBeGreaterThanOrEqual(300);
      expect(res.status).toBeLessThan(400);
      const location = res.headers.get("location") ?? "";
      expect(new URL(location, base()).origin).toBe(new URL(base()).origin);
      expect(location).not.toMatch(/evil|javascript|[\t\r\n\\]/i);
    });
  }

  test("a same-site callbackUrl is kept", async () => {
    const res = await hit(`${base()}/login?callbackUrl=%2Ftracker%3Frange%3D24h`, {
      headers: { cookie: savedCookie("leader") },
    });
    expect(res.headers.get("location")).toMatch(/\/tracker\?range=24h$/);
  });
});

test.describe("sessions", () => {
  test("sign-out ends the session for every copy of the cookie", async () => {
    const a = await signInOverHttp(base(), "leader", DEMO_PASSWORD);
    expect(a.signedIn).toBe(true);
    const copy = a.jar.header();
    expect((await hit(`${base()}/api/overview/phases`, { headers: { cookie: copy } })).status).toBe(200);
    await signOutOverHttp(base(), a.jar);
    expect((await hit(`${base()}/api/overview/phases`, { headers: { cookie: copy } })).status).toBe(401);
    const session = await hit(`${base()}/api/auth/session`, { headers: { cookie: copy } });
    expect(JSON.parse(await session.text())).toEqual({});
    // The saved session of the same user is another session and still works.
    expect((await hit(`${base()}/api/overview/phases`, { headers: { cookie: savedCookie("leader") } })).status).toBe(
      200,
    );
  });

  test("an admin lists a user's sessions and ends one; only that one ends", async () => {
    const s = await signInOverHttp(base(), "sales", DEMO_PASSWORD);
    expect(s.signedIn).toBe(true);
    const list = await hit(`${base()}/api/sessions?username=sales`, { headers: { cookie: savedCookie("admin") } });
    expect(list.status).toBe(200);
    const { sessions } = JSON.parse(await list.text()) as {
      sessions: { id: string; state: string; createdAt: string }[];
    };
    const active = sessions.filter((x) => x.state === "active");
    expect(active.length).toBeGreaterThanOrEqual(2); // the saved one and ours
    const newest = active[0];
    if (!newest) throw new Error("no session listed");
    // Ending needs a same-origin request like every write.
    expect(
      (
        await hit(`${base()}/api/sessions/${newest.id}`, {
          method: "DELETE",
          headers: { cookie: savedCookie("admin"), origin: EVIL },
        })
      ).status,
    ).toBe(403);
    expect(
      (await hit(`${base()}/api/sessions/${newest.id}`, sameOrigin("DELETE", savedCookie("engineer")))).status,
    ).toBe(403);
    expect((await hit(`${base()}/api/sessions/${newest.id}`, sameOrigin("DELETE", savedCookie("admin")))).status).toBe(
      200,
    );
    expect((await hit(`${base()}/api/readiness`, { headers: { cookie: s.jar.header() } })).status).toBe(401);
    expect((await hit(`${base()}/api/readiness`, { headers: { cookie: savedCookie("sales") } })).status).toBe(200);
  });

  test("a session cookie's token without a store session is refused", async () => {
    const forged = new Jar();
    forged.cookies.set("next-auth.session-token", "not-a-jwt");
    expect((await hit(`${base()}/api/overview/phases`, { headers: { cookie: forged.header() } })).status).toBe(401);
  });
});

test.describe("cross-site writes", () => {
  const action = "/api/tracker/phases/infrastructure/actions";
  const body = JSON.stringify({ title: "csrf probe", owner: "nobody" });

  for (const [name, headers, status] of [
    ["text/plain from another origin", { origin: EVIL, "content-type": "text/plain" }, 403],
    ["JSON from another origin", { origin: EVIL, "content-type": "application/json" }, 403],
    ["no Origin and no Sec-Fetch-Site", { "content-type": "application/json" }, 403],
    [
      "Sec-Fetch-Site: cross-site, no Origin",
      { "sec-fetch-site": "cross-site", "content-type": "application/json" },
      403,
    ],
    ["Origin: null", { origin: "null", "content-type": "application/json" }, 403],
    ["same origin but text/plain", { origin: "SELF", "content-type": "text/plain" }, 415],
    ["same origin but a form", { origin: "SELF", "content-type": "application/x-www-form-urlencoded" }, 415],
  ] as const) {
    test(`tracker action POST, ${name} → ${status}`, async () => {
      const h: Record<string, string> = { cookie: savedCookie("engineer") };
      for (const [k, v] of Object.entries(headers)) h[k] = v === "SELF" ? base() : v;
      const res = await hit(`${base()}${action}`, { method: "POST", headers: h, body });
      expect(res.status).toBe(status);
    });
  }

  test("run-now from another origin is refused before anything runs", async () => {
    const res = await hit(`${base()}/api/probes/analytics/run`, {
      method: "POST",
      headers: { cookie: savedCookie("engineer"), origin: EVIL },
    });
    expect(res.status).toBe(403);
  });

  test("a title with a line break (report injection) is a 400 naming the field", async () => {
    const res = await hit(
      `${base()}${action}`,
      sameOrigin(
        "POST",
        savedCookie("engineer"),
        JSON.stringify({ title: "ok\n# Owned\n[x](https://evil.example)", owner: "x" }),
      ),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("title");
  });
});

test.describe("least privilege", () => {
  test("internal stats are for admins only", async () => {
    for (const [user, status] of [
      ["leader", 403],
      ["engineer", 403],
      ["admin", 200],
    ] as const) {
      expect((await hit(`${base()}/api/internal/stats`, { headers: { cookie: savedCookie(user) } })).status, user).toBe(
        status,
      );
    }
  });

  test("admins preview the weekly digest on /notifications: a week without data says unknown", async ({ browser }) => {
    const page = await browser.newPage({ storageState: storageStateFor("admin") });
    await page.goto(`${base()}/notifications?week=2025-W01`);
    await expect(page.getByRole("heading", { name: "Preview weekly digest" })).toBeVisible();
    const preview = page.getByTestId("digest-preview");
    await expect(preview).toContainText("Stagewatch weekly digest 2025-W01");
    await expect(preview).toContainText("This week: unknown");
    await page.goto(`${base()}/notifications?week=2026-W99`);
    await expect(page.getByRole("alert").filter({ hasText: "week:" })).toHaveText("week: 2026 has weeks 01 to 53");
    await page.close();
  });

  test("a share link's URL is shown to its creator and admins, not to other engineers", async () => {
    const created = await hit(
      `${base()}/api/readiness/share-links`,
      sameOrigin("POST", savedCookie("admin"), JSON.stringify({ note: "security spec" })),
    );
    expect(created.status).toBe(201);
    const { link } = JSON.parse(await created.text()) as { link: { id: string; path: string | null } };
    expect(link.path).toMatch(/^\/share\//);
    const pathFor = async (user: DemoUser) => {
      const res = await hit(`${base()}/api/readiness/share-links`, { headers: { cookie: savedCookie(user) } });
      const { links } = JSON.parse(await res.text()) as { links: { id: string; path: string | null }[] };
      return links.find((l) => l.id === link.id)?.path;
    };
    expect(await pathFor("engineer")).toBeNull();
    expect(await pathFor("admin")).toBe(link.path);
    expect(
      (await hit(`${base()}/api/readiness/share-links/${link.id}`, sameOrigin("DELETE", savedCookie("admin")))).status,
    ).toBe(200);
  });
});

test.describe("public share API", () => {
  // LIMITS.share in lib/security/rate-limits.ts, as docs/security.md states it.
  const SHARE_PER_MINUTE = 60;

  /** A GET from a loopback source address of its own: a client the limiter has never counted. */
  function getFrom(localAddress: string, url: string): Promise<{ status: number; retryAfter: string | null }> {
    return new Promise((resolve, reject) => {
      const req = http.get(url, { localAddress, agent: false }, (res) => {
        res.resume();
        res.on("end", () => {
          const retryAfter = res.headers["retry-after"];
          resolve({ status: res.statusCode ?? 0, retryAfter: typeof retryAfter === "string" ? retryAfter : null });
        });
      });
      req.setTimeout(30_000, () => req.destroy(new Error(`${url}: no answer in 30 s`)));
      req.on("error", reject);
    });
  }

  test("300 rapid guesses from one address: exactly 60 answered, then 429 with Retry-After for the rest", async () => {
    test.setTimeout(120_000);
    // The server counts the TCP peer (no trusted proxy here). A fresh address means no earlier
    // test has opened its window, so the limit shows exactly, not "60 plus what a window had left".
    const address = `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
    const answers: { status: number; retryAfter: string | null }[] = [];
    for (let i = 0; i < 300; i++) answers.push(await getFrom(address, `${base()}/api/share/guess-${i}`));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 404 || s === 429)).toBe(true);
    expect(statuses.indexOf(429), `from ${address}`).toBe(SHARE_PER_MINUTE);
    // Once over, the address is shut out for a whole minute (blockDuration): no window's end
    // lets the rest of the burst through.
    expect(statuses.slice(SHARE_PER_MINUTE).every((s) => s === 429)).toBe(true);
    const retryAfter = Number(answers[SHARE_PER_MINUTE]?.retryAfter);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });
});

test.describe("sign-in throttling (own stack: one trusted proxy hop, https app URL)", () => {
  let stack: OwnStack;
  let dataDir: string;
  const PASSWORD = "own-stack-password-15";
  const via = (client: string) => ({ "x-forwarded-for": `6.6.6.6, ${client}` });

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    dataDir = mkdtempSync(path.join(os.tmpdir(), "stagewatch-security-"));
    stack = await startOwnStack({
      emulatorArgs: ["--scenario", "healthy"],
      password: PASSWORD,
      dataDir,
      env: {
        STAGEWATCH_TRUSTED_PROXY_HOPS: "1",
        NEXTAUTH_URL: "https://stagewatch.test",
        STAGEWATCH_PROBES: "off",
        STAGEWATCH_EVALUATORS: "off",
      },
    });
  });
  test.afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("12 wrong passwords for one account, each from a new address: 5 are evaluated, then 429 with Retry-After", async () => {
    const results = [];
    for (let i = 0; i < 12; i++)
      results.push(await signInOverHttp(stack.baseURL, "admin", `wrong-${i}`, via(`203.0.113.${i + 1}`)));
    expect(results.filter((r) => r.status !== 429)).toHaveLength(5);
    expect(results.slice(5).every((r) => r.status === 429 && Number(r.retryAfter) > 0)).toBe(true);
    expect(results.some((r) => r.signedIn)).toBe(false);
    // The account is locked for everyone until the window ends, even with the right password.
    expect((await signInOverHttp(stack.baseURL, "admin", PASSWORD, via("203.0.113.99"))).status).toBe(429);
  });

  test("a parallel burst of 20 wrong passwords from one address: exactly 5 are evaluated", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signInOverHttp(stack.baseURL, "engineer", `burst-${i}`, via("198.51.100.7")),
      ),
    );
    expect(results.filter((r) => r.status !== 429)).toHaveLength(5);
  });

  test("per address across accounts: the 31st try from one address is refused; the leftmost header entry changes nothing", async () => {
    const from = "192.0.2.50";
    const statuses = [];
    for (let i = 0; i < 31; i++)
      statuses.push(
        (await signInOverHttp(stack.baseURL, `spray-${i}`, "x", { "x-forwarded-for": `10.${i}.0.1, ${from}` })).status,
      );
    expect(statuses.slice(0, 30).every((s) => s !== 429)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Another client (as the trusted proxy reports it) is not affected.
    const other = await signInOverHttp(stack.baseURL, "leader", PASSWORD, via("192.0.2.51"));
    expect(other.signedIn).toBe(true);
  });

  test("a correct password after a few typos signs in and clears the account's count", async () => {
    for (let i = 0; i < 4; i++) await signInOverHttp(stack.baseURL, "sales", `typo-${i}`, via("192.0.2.60"));
    expect((await signInOverHttp(stack.baseURL, "sales", PASSWORD, via("192.0.2.60"))).signedIn).toBe(true);
    for (let i = 0; i < 4; i++)
      expect((await signInOverHttp(stack.baseURL, "sales", `typo-again-${i}`, via("192.0.2.60"))).status).not.toBe(429);
  });

  test("https app URL: HSTS and Secure cookies", async () => {
    const login = await hit(`${stack.baseURL}/login`);
    expect(login.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    const csrf = await fetch(`${stack.baseURL}/api/auth/csrf`);
    const cookies = csrf.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) expect(c.toLowerCase()).toContain("secure");
  });
});

test("plain http app URL: no HSTS", async () => {
  expect((await hit(`${base()}/login`)).headers.get("strict-transport-security")).toBeNull();
});
