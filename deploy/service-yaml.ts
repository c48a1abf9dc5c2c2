import { parse } from "yaml";
import { z } from "zod";

/**
 * What Cloud Run would refuse (or what would break the deploy) in deploy/service.yaml, checked
 * before anyone runs `gcloud run services replace`. Each rule cites the constraint it holds;
 * the limits are Cloud Run's documented ones (cloud.google.com/run/docs/configuring/healthchecks,
 * …/configuring/services/memory-limits, …/container-contract).
 */

/**
 * The least memory Stagewatch may be given, from `npm run test:container`'s measurement
 * (docs/deploy.md): a demo rehearsal in the image's Chromium peaks at 614–642 MiB PSS and
 * 1,171–1,309 MiB summed RSS for the server and the browser. 2 GiB is that upper bound plus
 * about 55%, for a heavier real page, the leader's probe load and Chromium's /tmp profile
 * (files under /tmp count as memory on Cloud Run).
 */
export const MIN_MEMORY_BYTES = 2 * 1024 ** 3;

/** Cloud Run: the startup probe may keep an instance starting for at most 240 s. */
export const MAX_STARTUP_WINDOW_SECONDS = 240;

const probeSchema = z.object({
  httpGet: z.object({ path: z.string(), port: z.number().int().optional() }).optional(),
  tcpSocket: z.object({ port: z.number().int().optional() }).optional(),
  // Cloud Run's defaults when a field is left out.
  periodSeconds: z.number().int().default(10),
  timeoutSeconds: z.number().int().default(1),
  failureThreshold: z.number().int().default(3),
  initialDelaySeconds: z.number().int().default(0),
});

const envVarSchema = z.object({
  name: z.string(),
  value: z.string().optional(),
  valueFrom: z.object({ secretKeyRef: z.object({ name: z.string(), key: z.string() }) }).optional(),
});

const containerSchema = z.object({
  image: z.string(),
  ports: z.array(z.object({ name: z.string().optional(), containerPort: z.number().int() })).length(1),
  resources: z.object({ limits: z.object({ cpu: z.string(), memory: z.string() }) }),
  env: z.array(envVarSchema).default([]),
  startupProbe: probeSchema.optional(),
  livenessProbe: probeSchema.optional(),
  readinessProbe: probeSchema.optional(),
});

const serviceSchema = z.object({
  apiVersion: z.literal("serving.knative.dev/v1"),
  kind: z.literal("Service"),
  spec: z.object({
    template: z.object({
      metadata: z.object({ annotations: z.record(z.string(), z.string()).default({}) }),
      spec: z.object({
        /** Cloud Run's request timeout: it also ends every /api/stream (decision 0027). */
        timeoutSeconds: z.number().int().default(300),
        containers: z.array(containerSchema).length(1),
        volumes: z
          .array(z.object({ name: z.string(), secret: z.object({ secretName: z.string() }).optional() }))
          .default([]),
      }),
    }),
  }),
});

/** Below this the change streams of open pages are cut and re-made every few minutes. */
const MIN_STREAM_TIMEOUT_S = 900;

export type ServiceYamlInputs = {
  /** deploy/service.yaml */
  serviceYaml: string;
  /** Dockerfile: its runtime stage's `PORT=`. */
  dockerfile: string;
  /** deploy/setup.sh: the secrets it creates and lets the service account read. */
  setupSh: string;
};

const UNITS: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, K: 1e3, M: 1e6, G: 1e9 };

/** A Kubernetes memory quantity (512Mi, 1Gi, 2G) in bytes; null when it is not one. */
export function memoryBytes(quantity: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|K|M|G)?$/.exec(quantity);
  if (!m?.[1]) return null;
  return Number(m[1]) * (m[2] ? (UNITS[m[2]] ?? NaN) : 1);
}

/** The last `PORT=<n>` the Dockerfile sets (the runtime stage's), or null. */
export function dockerfilePort(dockerfile: string): number | null {
  const all = [...dockerfile.matchAll(/\bPORT=(\d+)/g)];
  const last = all.at(-1)?.[1];
  return last ? Number(last) : null;
}

function secretsCreatedBy(setupSh: string): Set<string> {
  return new Set([...setupSh.matchAll(/gcloud secrets create (\S+)/g)].flatMap((m) => (m[1] ? [m[1]] : [])));
}

/** The secrets named in the loop that grants the service account secretAccessor. */
function secretsReadableBy(setupSh: string): Set<string> {
  const loop = /for s in ([^;\n]+); do\s*\n\s*gcloud secrets add-iam-policy-binding "\$s"[^\n]*secretAccessor/.exec(
    setupSh,
  );
  return new Set(loop?.[1]?.trim().split(/\s+/) ?? []);
}

/** Every problem found, one line each; empty when Cloud Run would take the file. */
export function checkServiceYaml(inputs: ServiceYamlInputs): string[] {
  const parsed = serviceSchema.safeParse(parse(inputs.serviceYaml));
  if (!parsed.success) return parsed.error.issues.map((i) => `service.yaml ${i.path.join(".")}: ${i.message}`);
  const template = parsed.data.spec.template;
  const [container] = template.spec.containers;
  if (!container) return ["service.yaml: no container"];
  const problems: string[] = [];

  // Probes: Cloud Run refuses a period shorter than the timeout, and bounds both.
  const probes = { startupProbe: 240, livenessProbe: 3600, readinessProbe: 3600 } as const;
  for (const [name, maxSeconds] of Object.entries(probes) as [keyof typeof probes, number][]) {
    const probe = container[name];
    if (!probe) continue;
    if (probe.periodSeconds < probe.timeoutSeconds)
      problems.push(
        `${name}: periodSeconds ${probe.periodSeconds} is less than timeoutSeconds ${probe.timeoutSeconds} (Cloud Run requires period ≥ timeout)`,
      );
    if (probe.periodSeconds < 1 || probe.periodSeconds > maxSeconds)
      problems.push(`${name}: periodSeconds ${probe.periodSeconds} is outside 1–${maxSeconds}`);
    if (probe.timeoutSeconds < 1 || probe.timeoutSeconds > maxSeconds)
      problems.push(`${name}: timeoutSeconds ${probe.timeoutSeconds} is outside 1–${maxSeconds}`);
    const port = probe.httpGet?.port ?? probe.tcpSocket?.port;
    const containerPort = container.ports[0]?.containerPort;
    if (port !== undefined && port !== containerPort)
      problems.push(`${name}: probes port ${port}, but the container listens on ${containerPort}`);
  }
  const startup = container.startupProbe;
  if (!startup) problems.push("startupProbe: missing (traffic would reach an instance before /api/ready says so)");
  else {
    const window = startup.initialDelaySeconds + startup.failureThreshold * startup.periodSeconds;
    if (window > MAX_STARTUP_WINDOW_SECONDS)
      problems.push(
        `startupProbe: initialDelaySeconds + failureThreshold × periodSeconds is ${window} s, more than Cloud Run's ${MAX_STARTUP_WINDOW_SECONDS} s`,
      );
  }

  // The port: Cloud Run sets PORT from containerPort (and refuses PORT in env); the image's
  // server listens on the Dockerfile's PORT, so the two must be the same number.
  const containerPort = container.ports[0]?.containerPort;
  const imagePort = dockerfilePort(inputs.dockerfile);
  if (imagePort === null) problems.push("Dockerfile: sets no PORT=");
  else if (containerPort !== imagePort)
    problems.push(`containerPort ${containerPort} is not the Dockerfile's PORT ${imagePort}`);
  if (container.env.some((e) => e.name === "PORT"))
    problems.push("env: PORT is reserved by Cloud Run (it is set from containerPort)");

  // Cloud SQL: a comma-separated list of PROJECT:REGION:INSTANCE connection names.
  const cloudsql = template.metadata.annotations["run.googleapis.com/cloudsql-instances"];
  if (cloudsql === undefined) problems.push("run.googleapis.com/cloudsql-instances: missing (the store is Cloud SQL)");
  else
    for (const name of cloudsql.split(",").map((s) => s.trim()))
      if (!/^[A-Za-z0-9_.-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/.test(name))
        problems.push(`run.googleapis.com/cloudsql-instances: "${name}" is not PROJECT:REGION:INSTANCE`);

  // Secrets: each one the service reads must exist and be readable by its account.
  const referenced = [
    ...container.env.flatMap((e) => (e.valueFrom ? [e.valueFrom.secretKeyRef.name] : [])),
    ...template.spec.volumes.flatMap((v) => (v.secret ? [v.secret.secretName] : [])),
  ];
  const created = secretsCreatedBy(inputs.setupSh);
  const readable = secretsReadableBy(inputs.setupSh);
  for (const name of referenced) {
    if (!created.has(name)) problems.push(`secret ${name}: referenced by service.yaml, not created by setup.sh`);
    else if (!readable.has(name))
      problems.push(`secret ${name}: created by setup.sh, but the service account is not granted secretAccessor on it`);
  }

  // A change stream lasts until the request timeout; each cut is a reconnect (and a moment of polling).
  const timeout = template.spec.timeoutSeconds;
  if (timeout < MIN_STREAM_TIMEOUT_S || timeout > 3600)
    problems.push(
      `timeoutSeconds ${timeout}: /api/stream needs ${MIN_STREAM_TIMEOUT_S}–3600 (Cloud Run's maximum), or every open page reconnects that often`,
    );

  // Memory: at least what Stagewatch with Chromium needs.
  const memory = container.resources.limits.memory;
  const bytes = memoryBytes(memory);
  if (bytes === null) problems.push(`resources.limits.memory "${memory}" is not a memory quantity`);
  else if (bytes < MIN_MEMORY_BYTES)
    problems.push(
      `resources.limits.memory ${memory} is below the ${MIN_MEMORY_BYTES / 1024 ** 2} MiB Stagewatch needs`,
    );

  return problems;
}
