// Layering and cycles, checked by `npm run lint` (docs/architecture.md explains the layers).
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
      name: "pure-core",
      severity: "error",
      comment:
        "lib/health and lib/model are the pure core: data in, verdicts out; no I/O, no adapters, no UI, no process state (pure logic of a domain lives in lib/health/<domain>, the config's schemas in lib/health/config). They may import only each other, lib/health/format, lib/health/time-range and packages. The emulator's seeded model (emulator/model) is held to the same rule.",
      from: { path: "^(lib/(health|model)|emulator/model)/", pathNot: "\\.test\\.ts$" },
      to: {
        path: "^(lib/(?!health/|model/)|app/|components/|emulator/(?!model/)|node:)|^(fs|net|http|https|child_process|worker_threads|dns|tls)$",
      },
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
    exclude: { path: "^(node_modules|\\.next|test-results|bench-results)" },
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
