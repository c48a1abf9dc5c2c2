/** @type {import('next').NextConfig} */
const nextConfig = {
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
  // Lets parallel builds (e.g. a second checkout's e2e run) use their own output folder.
  // eslint-disable-next-line no-restricted-properties
  distDir: process.env.STAGEWATCH_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
