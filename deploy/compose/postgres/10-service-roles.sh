#!/bin/bash
# PostgreSQL init script (runs once, on an empty data volume): one login role per
# service, taken from the service's database URL secret
# (postgres://<role>:<password>@postgres:5432/emporium). Each role may create
# schemas in the database; the migrations, run as that role, create and so own the
# service's schema, which no other service role can read.
set -euo pipefail

shopt -s nullglob
files=("${SECRETS_DIR:-/run/secrets}"/*-database-url)
if [ "${#files[@]}" -eq 0 ]; then
  echo "10-service-roles: no *-database-url secrets found" >&2
  exit 1
fi

for file in "${files[@]}"; do
  url="$(tr -d '\r\n' <"$file")"
  credentials="${url#*://}"
  credentials="${credentials%%@*}"
  role="${credentials%%:*}"
  password="${credentials#*:}"
  if [[ ! "$role" =~ ^[a-z][a-z0-9_]*$ ]] || [ -z "$password" ] || [ "$password" = "$credentials" ]; then
    echo "10-service-roles: $(basename "$file") is not postgres://<role>:<password>@host/db" >&2
    exit 1
  fi
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-emporium}" \
    -v role="$role" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'role', :'password') \gexec
SELECT format('GRANT CONNECT, CREATE ON DATABASE %I TO %I', current_database(), :'role') \gexec
SQL
  echo "10-service-roles: role ${role} ready"
done
