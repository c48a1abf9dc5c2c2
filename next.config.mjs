import { fileURLToPath } from "node:url";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server (`node <distDir>/standalone/server.js`) with only the files it needs:
  // what the Dockerfile ships and what the e2e stack runs (scripts/lib/stack.mjs).
  output: "standalone",
  // This folder, not a parent with another lockfile: the standalone tree then has server.js at its top.
  outputFileTracingRoot: fileURLToPath(new URL(".", import.meta.url)),
  // All four or none: a split loads two copies of grpc-js and fails at run time.
  serverExternalPackages: [
    "@google-cloud/monitoring",
    "@google-cloud/logging",
    "google-gax",
    "@grpc/grpc-js",
    "better-sqlite3",
    "pg",
    "ws",
    // Drives Chromium for the demo rehearsal; its launcher must stay a plain Node module.
    "playwright-core",
  ],
  // playwright-core reads files (browsers.json, …) by computed paths the tracer cannot follow;
  // without them the standalone server's background work (the rehearsal probe) fails to load.
  outputFileTracingIncludes: { "/**": ["./node_modules/playwright-core/**/*"] },
  // Lets parallel builds (e.g. a second checkout's e2e run) use their own output folder.
  // eslint-disable-next-line no-restricted-properties
  distDir: process.env.STAGEWATCH_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
