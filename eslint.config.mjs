import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read variables through lib/config/env.ts only." },
      ],
    },
  },
  {
    // The one place allowed to read process.env, plus scripts and test harnesses that start processes.
    files: [
      "lib/config/env.ts",
      "scripts/**",
      "e2e/**",
      "emulator/**",
      "playwright.config.ts",
      "vitest.config.ts",
      "**/*.test.ts",
      "bench/**",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "data/**",
    ],
  },
];

export default config;
