#!/usr/bin/env bash
# Creates (or updates) the Secrets the Emporium manifests mount, from the environment,
# without writing any value to disk or to a command line:
#
#   emporium-shared        redis-url, amqp-url    (every service)
#   emporium-db-<service>  database-url           (that service and the migrate Job)
#   emporium-identity      signing-key-encryption-key, order-service-key, service-api-keys
#                          (user and order: see services/user/src/domain/provisioned-keys.ts)
#
# Usage (the values come from your secret manager / vault, never from git):
#   export REDIS_URL=rediss://... AMQP_URL=amqps://...
#   export USER_DATABASE_URL=postgres://user:...@db:5432/emporium_user ...   # one per service
#   export SIGNING_KEY_ENCRYPTION_KEY (32+ random characters) and ORDER_API_KEY (an emp_<prefix>_<secret> key)
#     (a new key: node -e "const c=require('crypto');console.log('emp_'+c.randomBytes(9).toString('base64url').replaceAll('_','-')+'_'+c.randomBytes(32).toString('base64url'))")
#   deploy/k8s/secrets/create-secrets.sh                 # kubectl apply to the current context
#   deploy/k8s/secrets/create-secrets.sh --print         # print the Secret manifests instead
#   deploy/k8s/secrets/create-secrets.sh --seal DIR      # write SealedSecrets (kubeseal) to DIR, safe to commit
#
# Every service should have its own database (or at least its own role that owns
# only its schema): <SERVICE>_DATABASE_URL names it. NAMESPACE defaults to emporium.
set -euo pipefail

namespace="${NAMESPACE:-emporium}"
mode=apply
seal_dir=''
case "${1:-}" in
  --print) mode=print ;;
  --seal)
    mode=seal
    seal_dir="${2:?--seal needs a directory}"
    mkdir -p "$seal_dir"
    ;;
  '') ;;
  *)
    echo "usage: $0 [--print | --seal DIR]" >&2
    exit 64
    ;;
esac

services=(registry config user product search inventory order payment recommendation notification analytics)

missing=()
for name in REDIS_URL AMQP_URL SIGNING_KEY_ENCRYPTION_KEY ORDER_API_KEY; do [ -n "${!name:-}" ] || missing+=("$name"); done
for service in "${services[@]}"; do
  name="${service^^}_DATABASE_URL"
  [ -n "${!name:-}" ] || missing+=("$name")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "create-secrets: set ${missing[*]}" >&2
  exit 1
fi

# emit NAME KEY=VARIABLE...: one Secret whose values come from the named variables,
# passed to kubectl on stdin (printf is a shell builtin: no value on any command line),
# then applied, printed or sealed.
emit() {
  local secret="$1" pair variable manifest
  shift
  manifest="$(
    for pair in "$@"; do
      variable="${pair#*=}"
      printf '%s=%s\n' "${pair%%=*}" "${!variable}"
    done | kubectl create secret generic "$secret" --namespace "$namespace" \
      --from-env-file=/dev/stdin --dry-run=client -o yaml |
      sed '/^  creationTimestamp: null$/d'
  )"
  case "$mode" in
    apply) printf '%s\n' "$manifest" | kubectl apply -f - ;;
    print) printf -- '---\n%s\n' "$manifest" ;;
    seal) printf '%s\n' "$manifest" | kubeseal --format yaml >"${seal_dir}/${secret}.sealed.yaml" ;;
  esac
}

emit emporium-shared redis-url=REDIS_URL amqp-url=AMQP_URL
# The user service registers the order service's key at boot, with exactly the scopes the checkout saga needs.
SERVICE_API_KEYS="[{\"name\":\"order service\",\"key\":\"${ORDER_API_KEY}\",\"scopes\":[\"inventory:reserve\",\"payments:refund\"]}]"
emit emporium-identity signing-key-encryption-key=SIGNING_KEY_ENCRYPTION_KEY order-service-key=ORDER_API_KEY \
  service-api-keys=SERVICE_API_KEYS
for service in "${services[@]}"; do
  emit "emporium-db-${service}" "database-url=${service^^}_DATABASE_URL"
done
