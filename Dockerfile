# One image for every role (api, worker, migrate); the compose command picks the entrypoint.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# Outside a container the default is loopback; here the port is published by Docker.
ENV HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The dashboard page's static files, served at /.
COPY --from=build /app/public ./public
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
