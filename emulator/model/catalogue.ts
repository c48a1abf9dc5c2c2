/**
 * The Cloud Monitoring metrics the model produces, described as Google describes them
 * (metric kind, value type, unit, labels, monitored resource). Label keys, kinds and units
 * follow Google's metric lists (metrics_gcp_c / _p_z and the VPC Access list). The emulator
 * serves these descriptors and nothing else.
 */

export type MetricKind = "GAUGE" | "DELTA" | "CUMULATIVE";
export type ValueType = "BOOL" | "INT64" | "DOUBLE" | "DISTRIBUTION";

export interface LabelSpec {
  key: string;
  valueType?: "STRING" | "BOOL" | "INT64";
  description: string;
}

export type BucketOptions =
  | { exponentialBuckets: { numFiniteBuckets: number; growthFactor: number; scale: number } }
  | { linearBuckets: { numFiniteBuckets: number; width: number; offset: number } }
  | { explicitBuckets: { bounds: number[] } };

export interface MetricSpec {
  type: string;
  displayName: string;
  description: string;
  metricKind: MetricKind;
  valueType: ValueType;
  unit: string;
  resourceType: string;
  labels: LabelSpec[];
  bucketOptions?: BucketOptions;
}

export interface ResourceSpec {
  type: string;
  displayName: string;
  description: string;
  labels: LabelSpec[];
}

/** The project label Google gives every project-scoped monitored resource. */
const projectIdLabel: LabelSpec = {
  key: "project_id",
  description: "The identifier of the GCP project associated with this resource.",
};

export const resourceCatalogue: ResourceSpec[] = [
  {
    type: "cloud_run_revision",
    displayName: "Cloud Run Revision",
    description: "A revision in Cloud Run (fully managed).",
    labels: [
      projectIdLabel,
      { key: "service_name", description: "The name of the service." },
      { key: "revision_name", description: "The name of the revision." },
      { key: "location", description: "The region in which the service is running." },
      { key: "configuration_name", description: "The name of the configuration which created the revision." },
    ],
  },
  {
    type: "vpc_access_connector",
    displayName: "VPC Access Connector",
    description: "A Serverless VPC Access connector.",
    labels: [
      projectIdLabel,
      { key: "location", description: "The region where the connector is located." },
      { key: "connector_name", description: "The name of the connector." },
    ],
  },
  {
    type: "cloudsql_database",
    displayName: "Cloud SQL Database",
    description: "A database hosted in Google Cloud SQL.",
    labels: [
      projectIdLabel,
      { key: "database_id", description: 'The ID of the database, as "project_id:instance_id".' },
      { key: "region", description: "The region in which the database is running." },
    ],
  },
  {
    type: "cloudsql_instance_database",
    displayName: "Cloud SQL Instance Database",
    description: "A database in a Cloud SQL instance (Query Insights).",
    labels: [
      { key: "resource_container", description: "The project, as projects/PROJECT_NUMBER." },
      { key: "location", description: "The region of the instance." },
      { key: "resource_id", description: 'The instance, as "project_id:instance_id".' },
      { key: "database", description: "The database name." },
    ],
  },
];

const ms = "ms";
const probeLabels: LabelSpec[] = [
  { key: "probe_action", description: "The probe action: TCP, HTTP or GRPC." },
  { key: "is_healthy", valueType: "BOOL", description: "Whether the probe result was healthy." },
  { key: "container_name", description: "The container the probe ran against." },
  { key: "is_default", valueType: "BOOL", description: "Whether the probe is Cloud Run's default probe." },
  { key: "probe_type", description: "The probe type: STARTUP or LIVENESS." },
];

/** A metric as listed under its monitored resource (below): no labels means none of its own. */
type MetricOf = Omit<MetricSpec, "resourceType" | "labels"> & { labels?: LabelSpec[] };

/** The metrics of one monitored resource type, in the order they are listed. */
const metricsOf = (resourceType: string, metrics: MetricOf[]): MetricSpec[] =>
  metrics.map(({ labels = [], ...m }) => ({ ...m, resourceType, labels }));

export const metricCatalogue: MetricSpec[] = [
  ...metricsOf("cloud_run_revision", [
    {
      type: "run.googleapis.com/container/completed_probe_count",
      displayName: "Completed Probe Count",
      description: "Number of completed probes (all attempts of a probe until it passed or failed).",
      metricKind: "DELTA",
      valueType: "INT64",
      unit: "1",
      labels: probeLabels,
    },
    {
      type: "run.googleapis.com/container/startup_latencies",
      displayName: "Container startup latency",
      description: "Distribution of time spent starting a new container instance, in milliseconds.",
      metricKind: "DELTA",
      valueType: "DISTRIBUTION",
      unit: ms,
      bucketOptions: { exponentialBuckets: { numFiniteBuckets: 60, growthFactor: 1.2, scale: 10 } },
    },
    {
      type: "run.googleapis.com/container/instance_count",
      displayName: "Instance Count",
      description: "Number of container instances that exist, broken down by state.",
      metricKind: "GAUGE",
      valueType: "INT64",
      unit: "1",
      labels: [{ key: "state", description: "The instance state: active or idle." }],
    },
  ]),
  ...metricsOf("vpc_access_connector", [
    ...(["sent", "received"] as const).flatMap((dir): MetricOf[] => [
      {
        type: `vpcaccess.googleapis.com/connector/${dir}_bytes_count`,
        displayName: `Bytes ${dir}`,
        description: `Delta of bytes ${dir === "sent" ? "transferred" : "received"} by the connector.`,
        metricKind: "DELTA",
        valueType: "INT64",
        unit: "By",
      },
      {
        type: `vpcaccess.googleapis.com/connector/${dir}_packets_count`,
        displayName: `Packets ${dir}`,
        description: `Delta of packets ${dir === "sent" ? "transferred" : "received"} by the connector.`,
        metricKind: "DELTA",
        valueType: "INT64",
        unit: "{packets}",
      },
    ]),
    {
      type: "vpcaccess.googleapis.com/connector/instances",
      displayName: "Active instances",
      description: "Total number of instances serving the connector.",
      metricKind: "GAUGE",
      valueType: "INT64",
      unit: "1",
    },
    {
      type: "vpcaccess.googleapis.com/connector/cpu/utilizations",
      displayName: "CPU utilizations",
      description: "Distribution of CPU utilization of the instances serving the connector.",
      metricKind: "GAUGE",
      valueType: "DISTRIBUTION",
      unit: "1",
      bucketOptions: { linearBuckets: { numFiniteBuckets: 20, width: 0.05, offset: 0 } },
    },
  ]),
  ...metricsOf("cloudsql_database", [
    {
      type: "cloudsql.googleapis.com/database/up",
      displayName: "Server up",
      description: "Indicates if the server is up or not.",
      metricKind: "GAUGE",
      valueType: "INT64",
      unit: "1",
    },
    {
      type: "cloudsql.googleapis.com/database/postgresql/num_backends",
      displayName: "PostgreSQL Connections",
      description: "Number of connections to the Cloud SQL PostgreSQL instance, per database.",
      metricKind: "GAUGE",
      valueType: "INT64",
      unit: "1",
      labels: [{ key: "database", description: "Name of the database." }],
    },
    {
      type: "cloudsql.googleapis.com/database/cpu/utilization",
      displayName: "CPU utilization",
      description: "Current CPU utilization represented as a fraction of the reserved CPU.",
      metricKind: "GAUGE",
      valueType: "DOUBLE",
      unit: "10^2.%",
    },
    {
      type: "cloudsql.googleapis.com/database/memory/utilization",
      displayName: "Memory utilization",
      description: "RAM utilization as a fraction of the memory quota.",
      metricKind: "GAUGE",
      valueType: "DOUBLE",
      unit: "1",
    },
    {
      type: "cloudsql.googleapis.com/database/instance_state",
      displayName: "Instance state",
      description: "The current serving state of the Cloud SQL instance, one series per state.",
      metricKind: "GAUGE",
      valueType: "BOOL",
      unit: "",
      labels: [
        { key: "state", description: "RUNNABLE, SUSPENDED, PENDING_CREATE, MAINTENANCE, FAILED or UNKNOWN_STATE." },
      ],
    },
  ]),
  ...metricsOf("cloudsql_instance_database", [
    {
      type: "cloudsql.googleapis.com/database/postgresql/insights/aggregate/execution_time",
      displayName: "Execution time",
      description: "Accumulated query execution time per user per database, in microseconds of CPU.",
      metricKind: "CUMULATIVE",
      valueType: "INT64",
      unit: "us{CPU}",
      labels: [
        { key: "user", description: "The user of the database." },
        { key: "client_addr", description: "The IP address of the database client." },
      ],
    },
  ]),
];

const byType = new Map(metricCatalogue.map((m) => [m.type, m]));

export function metricSpec(type: string): MetricSpec | undefined {
  return byType.get(type);
}

/** The probe_type value Google reports for start-up probes (upper case, like the log lines). */
export const STARTUP_PROBE_TYPE = "STARTUP";
