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
    // The pure cores (decision 0038): dependency-cruiser holds their imports; this holds what no
    // import shows — reading the clock, the process, the network or chance. The time comes in as an
    // argument (`now`), so a verdict is the same for the same inputs, in a test and in production.
    files: ["lib/core/**/*.ts", "lib/*/core/**/*.ts", "emulator/model/**/*.ts"],
    ignores: ["**/*.test.ts", "**/testing.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", message: "A core holds no process state: take what you need as an argument." },
        { object: "Date", property: "now", message: "A core reads no clock: take `now` as an argument." },
        { object: "performance", property: "now", message: "A core reads no clock: take `now` as an argument." },
        { object: "Math", property: "random", message: "A core draws no chance: take a seeded PRNG." },
      ],
      "no-restricted-globals": [
        "error",
        { name: "fetch", message: "A core does no I/O." },
        { name: "setTimeout", message: "A core schedules nothing." },
        { name: "setInterval", message: "A core schedules nothing." },
        { name: "process", message: "A core holds no process state." },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "A core reads no clock: `new Date()` is now; take `now` as an argument.",
        },
      ],
    },
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
