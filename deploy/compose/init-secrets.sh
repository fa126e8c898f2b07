#!/bin/sh
# Creates the secrets Compose mounts (deploy/compose/secrets/, git-ignored), with
# random passwords. Idempotent: an existing file is kept, so re-running never
# changes a password the volumes already hold.
#
#   deploy/compose/init-secrets.sh            # then: docker compose -f deploy/compose/compose.yaml up -d
#   SECRETS_DIR=/elsewhere deploy/compose/init-secrets.sh
#
# Every service gets its own PostgreSQL role (named after it) in the `emporium`
# database; postgres/10-service-roles.sh creates the roles from these URLs on the
# first start of an empty volume.
set -eu

dir="${SECRETS_DIR:-$(dirname "$0")/secrets}"
mkdir -p "$dir"
chmod 0700 "$dir"
umask 022 # files 0644: containers read them as their own non-root users; the folder (0700) keeps others out

random() {
  od -An -N24 -tx1 /dev/urandom | tr -d ' \n'
}

# write NAME CONTENT: only when the file does not exist yet.
write() {
  if [ ! -s "$dir/$1" ]; then
    printf '%s\n' "$2" >"$dir/$1"
    echo "created $dir/$1"
  fi
}

write postgres-password "$(random)"
write grafana-admin-password "$(random)"
# The user service encrypts its token-signing keys with this (SIGNING_KEY_ENCRYPTION_KEY_FILE).
write signing-key-encryption-key "$(random)$(random)"
# The order service's own API key (holding stock, refunding), and the list the user service registers at boot.
if [ ! -s "$dir/order-api-key" ] || [ ! -s "$dir/service-api-keys" ]; then
  key="emp_$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n' | cut -c1-12)_$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n' | cut -c1-43)"
  printf '%s\n' "$key" >"$dir/order-api-key"
  printf '[{"name":"order service","key":"%s","scopes":["inventory:reserve","payments:refund"]}]\n' "$key" >"$dir/service-api-keys"
  echo "created $dir/order-api-key, $dir/service-api-keys"
fi

for service in registry config user product search inventory order payment recommendation notification analytics; do
  write "${service}-database-url" "postgres://${service}:$(random)@postgres:5432/emporium"
done

if [ ! -s "$dir/redis.conf" ] || [ ! -s "$dir/redis-url" ]; then
  password="$(random)"
  printf 'requirepass %s\n' "$password" >"$dir/redis.conf"
  printf 'redis://:%s@redis:6379\n' "$password" >"$dir/redis-url"
  echo "created $dir/redis.conf, $dir/redis-url"
fi

if [ ! -s "$dir/rabbitmq.conf" ] || [ ! -s "$dir/amqp-url" ]; then
  password="$(random)"
  printf 'default_user = emporium\ndefault_pass = %s\n' "$password" >"$dir/rabbitmq.conf"
  printf 'amqp://emporium:%s@rabbitmq:5672\n' "$password" >"$dir/amqp-url"
  echo "created $dir/rabbitmq.conf, $dir/amqp-url"
fi
