#!/usr/bin/env bash
# One-time setup for Stagewatch on Cloud Run (docs/deploy.md). Review, then run with
#   PROJECT_ID=... REGION=... STAGING_PROJECT_ID=... SQL_INSTANCE=... bash deploy/setup.sh
set -euo pipefail
: "${PROJECT_ID:?}" "${REGION:?}" "${STAGING_PROJECT_ID:?}" "${SQL_INSTANCE:?}"
SA="stagewatch@${PROJECT_ID}.iam.gserviceaccount.com"

gcloud iam service-accounts create stagewatch --project "$PROJECT_ID" --display-name "Stagewatch" || true

# Read the watched project's metrics and logs (nothing more).
for role in roles/monitoring.viewer roles/logging.viewer; do
  gcloud projects add-iam-policy-binding "$STAGING_PROJECT_ID" --member "serviceAccount:$SA" --role "$role" --condition None
done
# Connect to its own Cloud SQL store.
gcloud projects add-iam-policy-binding "$PROJECT_ID" --member "serviceAccount:$SA" --role roles/cloudsql.client --condition None

# Secrets: values are read from stdin/files, never from the command line.
gcloud secrets create stagewatch-nextauth-secret --project "$PROJECT_ID" --replication-policy automatic || true
openssl rand -base64 48 | gcloud secrets versions add stagewatch-nextauth-secret --project "$PROJECT_ID" --data-file=-
gcloud secrets create stagewatch-database-url --project "$PROJECT_ID" --replication-policy automatic || true
gcloud secrets create stagewatch-staging-config --project "$PROJECT_ID" --replication-policy automatic || true
gcloud secrets versions add stagewatch-staging-config --project "$PROJECT_ID" --data-file=staging.config.json
for s in stagewatch-nextauth-secret stagewatch-database-url stagewatch-staging-config; do
  gcloud secrets add-iam-policy-binding "$s" --project "$PROJECT_ID" --member "serviceAccount:$SA" --role roles/secretmanager.secretAccessor
done

# The image registry.
gcloud artifacts repositories create stagewatch --project "$PROJECT_ID" --location "$REGION" --repository-format docker || true
echo "Now add the database URL: printf '%s' 'postgres://stagewatch:PASSWORD@/stagewatch?host=/cloudsql/${PROJECT_ID}:${REGION}:${SQL_INSTANCE}' | gcloud secrets versions add stagewatch-database-url --data-file=-"
