#!/usr/bin/env bash
# Installs (when missing) and starts the real servers Emporium's distributed
# mode and integration suites use: PostgreSQL 15, Redis and RabbitMQ, all on
# 127.0.0.1. Idempotent: running it twice leaves one of each running.
# Prints the environment to export at the end (also written to .data/dev-services.env).
set -euo pipefail

PG_USER="${EMPORIUM_PG_USER:-emporium}"
PG_PASSWORD="${EMPORIUM_PG_PASSWORD:-emporium}"
PG_DB="${EMPORIUM_PG_DB:-emporium}"
fresh=0
[ "${1:-}" = "--fresh" ] && fresh=1

need_apt=()
command -v pg_ctlcluster >/dev/null 2>&1 || need_apt+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
command -v rabbitmq-server >/dev/null 2>&1 || need_apt+=(rabbitmq-server)
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "dev-services: installing ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# PostgreSQL: the Debian cluster, then a password-authenticated role and database.
pg_version=$(ls /etc/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk -v v="$pg_version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$pg_version" main start
fi
for _ in $(seq 1 30); do
  timeout 10 su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname='${PG_USER}'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role ${PG_USER} login superuser password '${PG_PASSWORD}'\""
su postgres -c "psql -qtAc \"select 1 from pg_database where datname='${PG_DB}'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create database ${PG_DB} owner ${PG_USER}\""

# Redis: memory only, loopback only.
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
fi
for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.5; done

# RabbitMQ: guest/guest works on loopback. Every rabbitmqctl call is bounded:
# a broker that cannot finish booting must fail this script, not hang it.
rabbit_ready() { timeout 15 rabbitmqctl -q status >/dev/null 2>&1; }
rabbit_stop() {
  timeout 30 rabbitmqctl -q stop >/dev/null 2>&1 || true
  pkill -9 -u rabbitmq -f beam.smp 2>/dev/null || true
  pkill -9 -u rabbitmq epmd 2>/dev/null || true
  sleep 1
}
rabbit_start() {
  # Recovering many durable queues needs a file handle each.
  ulimit -n 65536 2>/dev/null || true
  rabbitmq-server -detached >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do rabbit_ready && return 0; sleep 1; done
  return 1
}
# The broker's state is disposable test and development data: `--fresh`
# (CI) starts from an empty broker, and a broker that cannot boot from its old
# state (thousands of queues left behind by killed runs) is wiped and retried.
if [ "$fresh" = 1 ]; then
  rabbit_stop
  rm -rf /var/lib/rabbitmq/mnesia
fi
if ! rabbit_ready && ! rabbit_start; then
  echo "dev-services: RabbitMQ did not start from its old state; wiping it and starting empty" >&2
  rabbit_stop
  rm -rf /var/lib/rabbitmq/mnesia
  rabbit_start || { echo "dev-services: RabbitMQ failed to start; see /var/log/rabbitmq" >&2; exit 1; }
fi
timeout 60 rabbitmqctl -q await_startup >/dev/null 2>&1 || true

mkdir -p .data
cat > .data/dev-services.env <<ENV
export DATABASE_URL=postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:5432/${PG_DB}
export REDIS_URL=redis://127.0.0.1:6379
export AMQP_URL=amqp://guest:guest@127.0.0.1:5672
ENV
echo "dev-services: PostgreSQL, Redis and RabbitMQ are up on 127.0.0.1"
cat .data/dev-services.env
