#!/usr/bin/env bash
# Generates the next SQL migration of one service from its Drizzle schema:
#   scripts/generate-migration.sh <service> <name>
# The migrator keeps its journal inside the service's own schema, so it has
# created that schema before the first migration runs: drizzle-kit's
# `CREATE SCHEMA "x";` is rewritten to `CREATE SCHEMA IF NOT EXISTS "x";`.
set -euo pipefail
service="$1"; name="$2"
cd "$(dirname "$0")/../services/$service"
# The schema imports workspace packages: resolve them to their TypeScript sources.
NODE_OPTIONS="--conditions=source ${NODE_OPTIONS:-}" npx drizzle-kit generate --name "$name"
sed -i -E 's/^CREATE SCHEMA "([a-z_]+)";/CREATE SCHEMA IF NOT EXISTS "\1";/' migrations/*.sql
