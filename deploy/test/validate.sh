#!/bin/sh
# Offline checks of the deployment artifacts, for a machine without a Docker engine or
# a cluster. The test suite always runs; the other tools run when installed
# (kubectl for kustomize, promtool from the `prometheus` package, shellcheck).
#
#   deploy/test/validate.sh
set -eu
cd "$(dirname "$0")/../.."

npx vitest run launcher/src/deploy-manifests.test.ts

if command -v kubectl >/dev/null 2>&1; then
  for overlay in development staging production; do
    kubectl kustomize "deploy/k8s/overlays/${overlay}" >/dev/null
    echo "kustomize: ${overlay} renders"
  done
else
  echo "kubectl not found: overlays not rendered"
fi

if command -v promtool >/dev/null 2>&1; then
  promtool check rules deploy/observability/prometheus/rules/emporium.rules.yml
  promtool check config --syntax-only deploy/observability/prometheus/prometheus.yml
else
  echo "promtool not found: rules not checked by Prometheus itself"
fi

if command -v shellcheck >/dev/null 2>&1; then
  shellcheck deploy/docker/docker-entrypoint.sh deploy/compose/init-secrets.sh \
    deploy/compose/postgres/10-service-roles.sh deploy/k8s/secrets/create-secrets.sh deploy/test/validate.sh
  echo "shellcheck: clean"
else
  echo "shellcheck not found: scripts not linted"
fi
