# syntax=docker/dockerfile:1.7
# Stagewatch as a container for Cloud Run (docs/deploy.md). Three stages: dependencies, build,
# and a small runtime with only Next's standalone server, run as a non-root user.
# Keep in step with scripts/lib/stack.mjs (prepareStandalone), which runs the same layout in e2e.

# Pinned: the Node version the test suite runs on here (bump it together with package.json "engines").
# A build argument only so `npm run test:container` can build on a stand-in made from Debian and
# the same Node release where no image registry is reachable; real builds keep this default.
ARG BASE_IMAGE=node:20.20.2-bookworm-slim

FROM ${BASE_IMAGE} AS deps
WORKDIR /app
# better-sqlite3 falls back to a source build when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# On top of deps rather than a COPY of its node_modules: no 900 MB copy, and no digest of it for
# the layer cache on every build (21 s here). This stage is never shipped, so its compilers cost nothing.
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npx next build

FROM ${BASE_IMAGE} AS runtime
# Debian's Chromium for the demo rehearsal (lib/rehearsal). Of its recommends only the fonts are
# needed headless (pages need glyphs); upower, udev, mesa, a notification daemon and printer setup
# are desktop parts. Before the app's files, so a code change reuses this layer.
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-liberation \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    STAGEWATCH_CHROMIUM_PATH=/usr/bin/chromium \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=8080 \
    HOSTNAME=0.0.0.0 \
    STAGEWATCH_CONFIG=/app/staging.config.json \
    STAGEWATCH_DATA_DIR=/data
# The standalone server (with the node_modules it traced), its static assets, and the config.
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
COPY --from=build --chown=node:node /app/staging.config.json ./staging.config.json
# The SQLite default needs a writable folder; on Cloud Run use PostgreSQL (STAGEWATCH_DATABASE_URL).
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8080
# /api/health is the liveness answer (no store or upstream calls); Cloud Run uses its own probes
# from service.yaml, this one serves `docker run`.
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node as PID 1 receives SIGTERM itself: the server stops scheduling, finishes writes, releases
# the leader lease and exits within 8 s (Cloud Run sends SIGKILL after 10 s).
CMD ["node", "server.js"]
