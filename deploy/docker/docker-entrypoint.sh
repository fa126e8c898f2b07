#!/bin/sh
# Entry point of the Emporium image (run under tini).
#
#   (no arguments)          start the service named by $SERVICE: node services/$SERVICE/dist/main.js
#   migrate [service...]    apply migrations: node launcher/dist/migrate.js [service...]
#   anything else           run it as given (node -e ..., sh, ...)
#
# Services read secrets themselves (FOO_FILE=/run/secrets/foo fills FOO). The
# migration runner reads <SERVICE>_DATABASE_URL / DATABASE_URL from its environment
# only, so for `migrate` this script resolves every *DATABASE_URL_FILE first.
set -eu

available() {
  names=''
  for dir in services/*/; do names="${names} $(basename "$dir")"; done
  echo "emporium: available:${names}" >&2
}

if [ "$#" -eq 0 ]; then
  service="${SERVICE:-}"
  case "$service" in
    '' | *[!a-z-]*)
      echo "emporium: SERVICE must name one service (build arg or environment); got '${service}'" >&2
      available
      exit 64
      ;;
  esac
  if [ ! -f "services/${service}/dist/main.js" ]; then
    echo "emporium: unknown service '${service}' (no services/${service}/dist/main.js)" >&2
    available
    exit 64
  fi
  exec node "services/${service}/dist/main.js"
fi

if [ "$1" = "migrate" ]; then
  shift
  for name in $(env | sed -n 's/^\([A-Z0-9_]*DATABASE_URL\)_FILE=.*/\1/p'); do
    file=''
    eval "file=\${${name}_FILE}"
    if [ ! -r "$file" ]; then
      echo "emporium: ${name}_FILE: cannot read ${file}" >&2
      exit 1
    fi
    value="$(cat "$file")"
    export "${name}=${value}"
  done
  exec node launcher/dist/migrate.js "$@"
fi

exec "$@"
