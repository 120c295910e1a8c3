# syntax=docker/dockerfile:1
# One image for every app; the argument picks which one runs:
#   docker run IMAGE customer | publics | wechat-sandbox | migrate
# A supported Node LTS line (24: until 2028-04-30). Local development and CI still run on Node 20.
ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: compile TypeScript once ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY libs ./libs
COPY apps ./apps
COPY tools ./tools
RUN npx tsc -p tsconfig.build.json && npx tsc-alias -p tsconfig.build.json

# --- runtime: production dependencies and the compiled code only ---
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# better-sqlite3 builds from source; the toolchain leaves in the same layer.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && npm ci --omit=dev \
 && npm cache clean --force \
 && apt-get purge -y python3 make g++ \
 && apt-get autoremove -y \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000 4000 4001 4100
ENTRYPOINT ["node", "dist/tools/docker/run-app.js"]
CMD ["customer"]
