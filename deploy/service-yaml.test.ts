import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkServiceYaml, dockerfilePort, memoryBytes, type ServiceYamlInputs } from "./service-yaml";

const read = (file: string) => readFileSync(path.resolve(__dirname, "..", file), "utf8");
const real: ServiceYamlInputs = {
  serviceYaml: read("deploy/service.yaml"),
  dockerfile: read("Dockerfile"),
  setupSh: read("deploy/setup.sh"),
};

describe("deploy/service.yaml", () => {
  it("meets Cloud Run's constraints, the Dockerfile's port, setup.sh's secrets and the memory need", () => {
    // STAGEWATCH_SERVICE_YAML checks another copy instead (how a broken one is shown failing).
    const file = process.env.STAGEWATCH_SERVICE_YAML;
    expect(checkServiceYaml(file ? { ...real, serviceYaml: read(file) } : real)).toEqual([]);
  });
});

/** One textual change to the real file; the test fails if the text to change is gone. */
function edit(inputs: ServiceYamlInputs, key: keyof ServiceYamlInputs, from: string | RegExp, to: string) {
  const before = inputs[key];
  const after = before.replace(from, to);
  if (after === before) throw new Error(`${key}: ${String(from)} not found`);
  return { ...inputs, [key]: after };
}

describe("each check can fail", () => {
  const startup = /(startupProbe:[\s\S]*?)periodSeconds: \d+/;
  const liveness = /(livenessProbe:[\s\S]*?)periodSeconds: \d+/;
  it.each<[string, ServiceYamlInputs, RegExp]>([
    [
      "startup period shorter than its timeout",
      edit(real, "serviceYaml", startup, "$1periodSeconds: 1"),
      /startupProbe: periodSeconds 1 is less than timeoutSeconds 3/,
    ],
    [
      "liveness period shorter than its timeout",
      edit(real, "serviceYaml", liveness, "$1periodSeconds: 1"),
      /livenessProbe: periodSeconds 1 is less than timeoutSeconds/,
    ],
    [
      "a request timeout that cuts every change stream after a minute",
      edit(real, "serviceYaml", /timeoutSeconds: 3600/, "timeoutSeconds: 60"),
      /timeoutSeconds 60: \/api\/stream needs 900–3600/,
    ],
    [
      "startup window over 240 s",
      edit(real, "serviceYaml", /failureThreshold: \d+/, "failureThreshold: 81"),
      /startupProbe: .* is 243 s, more than Cloud Run's 240 s/,
    ],
    [
      "container port not the Dockerfile's",
      edit(real, "serviceYaml", "containerPort: 8080", "containerPort: 3000"),
      /containerPort 3000 is not the Dockerfile's PORT 8080/,
    ],
    [
      "Dockerfile port moved",
      edit(real, "dockerfile", /PORT=8080/, "PORT=3000"),
      /containerPort 8080 is not the Dockerfile's PORT 3000/,
    ],
    [
      "a probe on another port",
      edit(real, "serviceYaml", /(path: \/api\/ready\n\s+)port: 8080/, "$1port: 9090"),
      /startupProbe: probes port 9090, but the container listens on 8080/,
    ],
    [
      "PORT set in env",
      edit(real, "serviceYaml", /(\n\s+)- name: NEXTAUTH_URL/, "$1- name: PORT$1  value: '8080'$1- name: NEXTAUTH_URL"),
      /env: PORT is reserved/,
    ],
    [
      "Cloud SQL annotation without a region",
      edit(real, "serviceYaml", /cloudsql-instances: .*/, "cloudsql-instances: PROJECT_ID:STAGEWATCH_SQL_INSTANCE"),
      /"PROJECT_ID:STAGEWATCH_SQL_INSTANCE" is not PROJECT:REGION:INSTANCE/,
    ],
    [
      "a secret setup.sh never creates",
      edit(real, "serviceYaml", "name: stagewatch-database-url", "name: stagewatch-db-url"),
      /secret stagewatch-db-url: referenced by service.yaml, not created by setup.sh/,
    ],
    [
      "a secret the account cannot read",
      edit(real, "setupSh", /(for s in [^;\n]*)stagewatch-staging-config/, "$1"),
      /secret stagewatch-staging-config: created by setup.sh, but the service account is not granted/,
    ],
    [
      "memory below the need",
      edit(real, "serviceYaml", /memory: \S+/, "memory: 1Gi"),
      /memory 1Gi is below the 2048 MiB/,
    ],
  ])("%s", (_name, broken, problem) => {
    const problems = checkServiceYaml(broken);
    expect(problems.join("\n")).toMatch(problem);
  });
});

describe("quantities", () => {
  it.each<[string, number | null]>([
    ["1Gi", 1024 ** 3],
    ["512Mi", 512 * 1024 ** 2],
    ["2G", 2e9],
    ["1.5Gi", 1.5 * 1024 ** 3],
    ["lots", null],
  ])("%s", (q, bytes) => expect(memoryBytes(q)).toBe(bytes));

  it("takes the runtime stage's PORT from a Dockerfile", () => {
    expect(dockerfilePort("ENV PORT=3000\nFROM x\nENV A=1 \\\n    PORT=8080 \\\n")).toBe(8080);
    expect(dockerfilePort("FROM x\n")).toBeNull();
  });
});
