// The steps of `npm test`, in order: [name, command, args]. Lint is `npm run lint` itself
// (ESLint, the Prettier check and the layering rules), so npm test can never check less than
// the lint a developer runs.
export const TEST_STEPS = [
  ["lint (eslint, prettier, layers)", "npm", ["run", "lint"]],
  ["typecheck", "node_modules/.bin/tsc", ["--noEmit"]],
  [
    "unit and integration tests",
    "node_modules/.bin/vitest",
    ["run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"],
  ],
  ["build", "node_modules/.bin/next", ["build"]],
  ["e2e tests", "node_modules/.bin/playwright", ["test"]],
];
