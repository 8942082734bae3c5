# Portwatch container image: Next's standalone server, configured only by environment variables.
#   docker build -t portwatch .
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://… -e PORTWATCH_PIN_SECRET=… portwatch
# Migrations are applied by the server at start (lib/server/start-portwatch.ts), never at build time.
# The runtime folder is assembled by scripts/assemble-standalone.mjs, the same script
# e2e/api/container.spec.ts runs before starting `node server.js` against PostgreSQL.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 compiles its native module when no prebuilt one fits; the repository's .npmrc points
# node-gyp at Debian's /usr headers, the official image keeps them under /usr/local.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local
# postinstall generates both Prisma clients, so the schema and that script come before npm ci.
COPY package.json package-lock.json .npmrc prisma.config.ts ./
COPY prisma ./prisma
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build \
 && node scripts/assemble-standalone.mjs /runtime

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
# The application files stay root-owned (the server cannot change its own code); the unprivileged
# `node` user may write only Next's cache and ./data (the embedded SQLite database, if DATABASE_URL is a file:).
COPY --from=build /runtime ./
RUN mkdir -p .next/cache data && chown node:node .next/cache data
USER node
EXPOSE 3000
# Slim images have no curl: ask node. 200 only when the database answers and every migration is applied.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
