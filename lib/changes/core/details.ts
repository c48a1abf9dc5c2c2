import type { AuditRecord, ChangeDetails, ChangeKind, Json, ResourceType } from "./types";

/**
 * What one audit entry says was changed: the kind, the resource and what moved. Google's
 * request and response bodies are free-form Structs, so every field is looked up defensively.
 */

function at(value: Json | undefined, ...path: (string | number)[]): Json | undefined {
  let node: Json | undefined = value;
  for (const key of path) {
    if (node === null || node === undefined || typeof node !== "object") return undefined;
    node = Array.isArray(node) ? (typeof key === "number" ? node[key] : undefined) : node[String(key)];
  }
  return node;
}

const str = (v: Json | undefined): string | undefined => (typeof v === "string" && v ? v : undefined);
const num = (v: Json | undefined): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" && v !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};
const lastSegment = (name: string | undefined, after: string): string | undefined => {
  if (!name) return undefined;
  const i = name.lastIndexOf(`${after}/`);
  return i === -1 ? undefined : name.slice(i + after.length + 1).split("/")[0];
};

export type Classified = { kind: ChangeKind; resource: { type: ResourceType; name: string }; details: ChangeDetails };

// "google.cloud.run.v1.Services.ReplaceService" → Replace; "cloudsql.instances.restart" → Restart.
function verb(method: string): string | undefined {
  const last = method.split(".").pop() ?? method;
  const word = `${last.charAt(0).toUpperCase()}${last.slice(1)}`;
  return /^(Create|Replace|Update|Patch|Delete|Restart|Add|Disable|Destroy|Enable)/.exec(word)?.[1];
}

function cloudRun(r: AuditRecord): Classified {
  const name = r.resourceLabels.service_name || lastSegment(r.resourceName, "services") || r.resourceName;
  const resource = { type: "service" as const, name };
  if (verb(r.methodName) === "Delete") return { kind: "delete", resource, details: {} };
  const service = (at(r.request ?? undefined, "service") ?? r.request ?? null) as Json;
  // v1 (Knative): spec.template; v2: template.
  const template = at(service, "spec", "template") ?? at(service, "template");
  const containers = at(template, "spec", "containers") ?? at(template, "containers");
  const image = str(at(containers, 0, "image"));
  const response = r.response ?? undefined;
  const revision =
    lastSegment(str(at(response, "latestCreatedRevision")), "revisions") ??
    str(at(response, "status", "latestCreatedRevisionName")) ??
    str(at(template, "metadata", "name")) ??
    lastSegment(str(at(template, "revision")), "revisions") ??
    str(at(template, "revision"));
  const previousRevision = str(at(r.metadata ?? undefined, "previousRevision"));
  const details: ChangeDetails = {
    ...(revision ? { revision } : {}),
    ...(previousRevision ? { previousRevision } : {}),
    ...(image ? { image } : {}),
  };
  // A service update that carries no template only moves traffic between revisions.
  return { kind: template === undefined && !image ? "traffic" : "deploy", resource, details };
}

function connector(r: AuditRecord): Classified {
  const body = (at(r.request ?? undefined, "connector") ?? r.request ?? null) as Json;
  const name =
    lastSegment(r.resourceName, "connectors") ?? lastSegment(str(at(body, "name")), "connectors") ?? r.resourceName;
  const machineType = str(at(body, "machineType"));
  const minInstances = num(at(body, "minInstances"));
  const maxInstances = num(at(body, "maxInstances"));
  return {
    kind: "connector",
    resource: { type: "connector", name },
    details: {
      ...(machineType ? { machineType } : {}),
      ...(minInstances !== undefined ? { minInstances } : {}),
      ...(maxInstances !== undefined ? { maxInstances } : {}),
    },
  };
}

function cloudSql(r: AuditRecord): Classified {
  const name = lastSegment(r.resourceName, "instances") ?? r.resourceName;
  const settings = at(r.request ?? undefined, "body", "settings") ?? at(r.request ?? undefined, "settings");
  const tier = str(at(settings, "tier"));
  const rawFlags = at(settings, "databaseFlags");
  const flags = Array.isArray(rawFlags)
    ? rawFlags.flatMap((f) => {
        const n = str(at(f, "name"));
        return n ? [`${n}=${str(at(f, "value")) ?? ""}`] : [];
      })
    : [];
  return {
    kind: "database",
    resource: { type: "database", name },
    details: { ...(tier ? { tier } : {}), ...(flags.length ? { flags } : {}) },
  };
}

function secret(r: AuditRecord): Classified {
  const name = lastSegment(r.resourceName, "secrets") ?? r.resourceName;
  const version =
    lastSegment(r.resourceName, "versions") ?? lastSegment(str(at(r.response ?? undefined, "name")), "versions");
  return { kind: "secret", resource: { type: "secret", name }, details: version ? { secretVersion: version } : {} };
}

/** The change one entry records, or null for an entry that changes nothing this app watches. */
export function classify(r: AuditRecord): Classified | null {
  if (r.methodName.endsWith("SetIamPolicy")) {
    const project = lastSegment(r.resourceName, "projects") ?? r.resourceLabels.project_id ?? r.resourceName;
    return { kind: "iam", resource: { type: "project", name: project }, details: {} };
  }
  switch (r.serviceName) {
    case "run.googleapis.com":
      return cloudRun(r);
    case "vpcaccess.googleapis.com":
      return connector(r);
    case "cloudsql.googleapis.com":
      return /instances\.(update|patch|restart)$/.test(r.methodName) ? cloudSql(r) : null;
    case "secretmanager.googleapis.com":
      return /(AddSecretVersion|DisableSecretVersion|DestroySecretVersion|EnableSecretVersion)$/.test(r.methodName)
        ? secret(r)
        : null;
    default:
      return null;
  }
}

export { verb as methodVerb };
