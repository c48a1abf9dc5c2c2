// "Installs what is missing": node_modules from the lock file, and the Debian packages
// the tests need. Node built-ins only, because it runs on a fresh clone.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./stack.mjs";

export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", ...opts });
  if (res.error) throw res.error;
  return res.status ?? 1;
}

/** npm ci when node_modules is missing or older than package-lock.json. */
export function ensureNodeModules() {
  const marker = path.join(ROOT, "node_modules", ".package-lock.json");
  const lock = path.join(ROOT, "package-lock.json");
  const fresh = existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
  if (fresh) return;
  console.log("Installing dependencies (npm ci; better-sqlite3 compiles from source, about 2 minutes)…");
  const status = run("npm", ["ci", "--no-audit", "--no-fund"]);
  if (status !== 0) {
    console.error("npm ci failed; see the output above.");
    process.exit(status);
  }
}

const SYSTEM_PACKAGES = {
  chromium: () => existsSync("/usr/bin/chromium"),
  postgresql: () =>
    existsSync("/usr/lib/postgresql") &&
    readdirSync("/usr/lib/postgresql").some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)),
  // The TLS probe tests make their self-signed certificates with it (lib/probes/testing.ts).
  openssl: () => existsSync("/usr/bin/openssl"),
  // npm run test:container: builds the Dockerfile and a stand-in base image (scripts/lib/container.ts).
  buildah: () => existsSync("/usr/bin/buildah"),
  mmdebstrap: () => existsSync("/usr/bin/mmdebstrap"),
};

/** Installs the Debian packages that are missing, with apt when root; otherwise says what to run. */
export function ensureSystemPackages(names, purpose = "npm test", { required = true, recommends = false } = {}) {
  const missing = names.filter((n) => !SYSTEM_PACKAGES[n]());
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `${purpose} needs Debian's ${missing.join(" and ")}, which ${missing.length > 1 ? "are" : "is"} not installed.\n` +
        `Install ${missing.length > 1 ? "them" : "it"} as root, then run ${purpose} again:\n\n` +
        `  sudo apt-get update && sudo apt-get install -y ${missing.join(" ")}\n`,
    );
    if (!required) return;
    process.exit(1);
  }
  console.log(`Installing Debian packages: ${missing.join(", ")}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (
    run("apt-get", ["update"], { env }) !== 0 ||
    run("apt-get", ["install", "-y", ...(recommends ? [] : ["--no-install-recommends"]), ...missing], { env }) !== 0
  ) {
    console.error(`apt-get could not install ${missing.join(" ")}; see the output above.`);
    process.exit(1);
  }
  // The postgresql package starts a cluster on 5432; the tests start their own on free ports.
  if (missing.includes("postgresql")) {
    try {
      execFileSync("service", ["postgresql", "stop"], { stdio: "ignore" });
    } catch {
      // Not running, or no service manager: nothing to stop.
    }
  }
}
