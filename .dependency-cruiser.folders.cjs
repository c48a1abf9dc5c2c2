// Folder loops, checked by `npm run lint` after the module rules: a folder's imports are its files' and
// its subfolders' (dependency-cruiser's folder scope). Tests and test helpers are left out of this cruise,
// since a test may call a route handler or build fixtures from anywhere (decision 0034).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- dependency-cruiser loads its configs as CommonJS
const base = require("./.dependency-cruiser.cjs");

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-folder-loops",
      severity: "error",
      scope: "folder",
      comment:
        "Two folders that import each other (directly or round a longer loop), type-only imports included, are one room with two doors: move the shared part down a floor (decision 0034).",
      from: { path: "^(lib|app|components|emulator)/[^/]+$" },
      to: { circular: true },
    },
  ],
  options: {
    ...base.options,
    exclude: { path: base.options.exclude.path.replace(/\)$/, "|.*\\.test\\.tsx?$|.*testing(\\.ts|/.*)$)") },
  },
};
