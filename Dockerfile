# Multi-stage image for the API, the worker and the migration runner (one image, three commands).
# Used by docker-compose.yml; `npm start` does not need it.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY scripts scripts
COPY apps apps
COPY libs libs
COPY workflows workflows
# Installs dependencies (npm ci), compiles to dist/ and prebuilds dist/workflow-bundle.js.
RUN node scripts/build.mjs && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
USER node
EXPOSE 3000
# The worker runs `node dist/apps/worker/src/main.js`, migrations `node dist/libs/persistence/src/migrate.js`.
CMD ["node", "--enable-source-maps", "dist/apps/api/src/main.js"]
