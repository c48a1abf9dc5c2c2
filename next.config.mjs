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
  ],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
