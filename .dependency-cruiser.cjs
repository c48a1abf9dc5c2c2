// Layering and cycles, checked by `npm run lint` (docs/architecture.md explains the layers).
/** Pure folders: lib/core (shared), each domain's core, the what-if model and the emulator's seeded model. */
const CORE = "^(lib/core|lib/[^/]+/core|emulator/model)/";
/** Tests and test helpers may build fixtures from anywhere. */
const TESTS = "(\\.test\\.tsx?|/testing\\.ts)$";
/** Tests, test helpers, and the suites that are all test code (e2e, the benches, the test runner scripts). */
const TESTS_OR_HELPERS = "(\\.test\\.tsx?$|/testing\\.ts$|^lib/testing/|^e2e/|^bench/|^scripts/)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "An import cycle, type-only ones included, ties modules that should stand apart.",
      from: {},
      to: { circular: true },
    },
    {
      name: "core-packages",
      severity: "error",
      comment:
        "A pure file importing I/O. A `core/` folder (lib/core, lib/<domain>/core, emulator/model) is data in, verdicts out: of packages it may import only those on this list, which do no I/O and hold no process state (zod, cron-parser). Add one here on purpose, never to get past the rule (decision 0038).",
      from: { path: CORE, pathNot: TESTS },
      to: { path: "node_modules/", pathNot: "node_modules/(zod|cron-parser)/" },
    },
    {
      name: "core-no-builtins",
      severity: "error",
      comment: "A pure file importing a Node built-in (fs, net, worker_threads, …) does I/O or holds process state.",
      from: { path: CORE, pathNot: TESTS },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "shell-not-in-core",
      severity: "error",
      comment:
        "A shell file in `core/`: a file there that imports anything of the project outside a `core/` folder (the store, Google, the config loader, process state, a route, a script) is shell code, and belongs beside the core, not in it (decision 0038).",
      from: { path: CORE, pathNot: TESTS },
      to: { pathNot: `${CORE}|^node_modules/`, dependencyTypesNot: ["core"] },
    },
    {
      name: "test-helpers-stay-in-tests",
      severity: "error",
      comment:
        "Product code never imports a test helper (`testing.ts`, `lib/testing/`): they build fixtures, start servers and may import anything, so a core reaching one would stop being pure unnoticed.",
      from: { pathNot: TESTS_OR_HELPERS },
      to: { path: "(/testing\\.ts|^lib/testing/)" },
    },
    {
      name: "ground-floor",
      severity: "error",
      comment:
        "lib/base is the ground floor (process primitives, ApiError, HTTP helpers): it imports nothing of the project, so every floor may stand on it.",
      from: { path: "^lib/base/", pathNot: "\\.test\\.ts$" },
      to: { path: "^(lib/(?!base/)|app/|components/|emulator/)" },
    },
    {
      name: "lib-not-ui",
      severity: "error",
      comment: "Logic never imports pages or components (tests may call route handlers).",
      from: { path: "^lib/", pathNot: "\\.test\\.tsx?$" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "ui-not-adapters",
      severity: "error",
      comment:
        "Components run in the browser too: they reach data through API routes and lib/query, never the store or Google clients.",
      from: { path: "^components/" },
      to: { path: "^lib/(gcp|store|probes/(schedule|store|check)|server)/" },
    },
    probeLayerApart(
      "probe-check-alone",
      "lib/probes/check is one attempt and its transports: it knows nothing of scheduling, storing or views.",
      "check",
      "(schedule|store|view)",
    ),
    probeLayerApart(
      "probe-store-alone",
      "lib/probes/store persists and reads results; it never runs a probe, schedules or shapes a view.",
      "store",
      "(check|schedule|view)",
    ),
    probeLayerApart(
      "probe-view-not-schedule",
      "The probes' view models read the store; only run-now (in schedule) starts an attempt.",
      "view",
      "schedule",
    ),
    {
      name: "emulator-apart",
      severity: "error",
      comment: "The product never depends on the emulator (it runs against Google too).",
      from: { path: "^(lib|app|components)/", pathNot: "(\\.test\\.ts|/testing\\.ts|/testing/.*)$" },
      to: { path: "^emulator/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // node_modules is not followed, but kept in the graph: core-no-io reads which packages a core imports.
    exclude: { path: "^(\\.next|test-results|bench-results)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".d.ts"],
    },
  },
};

/**
 * One layer of lib/probes (its tests left out) kept from the sibling layers it must not know
 * (`siblings`, a regular expression): the three probe rules differ only in those two.
 */
function probeLayerApart(name, comment, layer, siblings) {
  return {
    name,
    severity: "error",
    comment,
    from: { path: `^lib/probes/${layer}/`, pathNot: "\\.test\\.ts$" },
    to: { path: `^lib/probes/${siblings}/` },
  };
}
