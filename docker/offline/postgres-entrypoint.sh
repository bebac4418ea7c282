#!/bin/bash
# The entry-point contract of the public postgres image that docker-compose.yml uses, on Debian's PostgreSQL 15:
# on first start (no PG_VERSION in $PGDATA) create the cluster with the superuser `postgres`, whose password comes
# from the file POSTGRES_PASSWORD_FILE names (or from POSTGRES_PASSWORD); local connections trusted, network
# connections by password (scram-sha-256), listening on every address. Then run the server as the postgres user,
# as the container's main process. A command other than `postgres` runs as given.
set -euo pipefail

if [[ "${1:-}" != postgres ]]; then
  exec "$@"
fi
shift

password=""
if [[ -n "${POSTGRES_PASSWORD_FILE:-}" ]]; then
  password="$(<"$POSTGRES_PASSWORD_FILE")"
elif [[ -n "${POSTGRES_PASSWORD:-}" ]]; then
  password="$POSTGRES_PASSWORD"
fi
unset POSTGRES_PASSWORD POSTGRES_PASSWORD_FILE

mkdir -p "$PGDATA" /var/run/postgresql
chown postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"

if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  if [[ -z "$password" ]]; then
    echo "postgres-entrypoint: the database is uninitialised and no superuser password is set: set POSTGRES_PASSWORD_FILE" >&2
    exit 1
  fi
  # initdb reads the password from a file that only the postgres user can read, removed right after.
  pwfile="$(mktemp)"
  trap 'rm -f "$pwfile"' EXIT
  printf '%s\n' "$password" >"$pwfile"
  chown postgres:postgres "$pwfile"
  setpriv --reuid=postgres --regid=postgres --init-groups \
    initdb --username=postgres --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 -D "$PGDATA" >/dev/null
  rm -f "$pwfile"
  trap - EXIT
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  echo "postgres-entrypoint: initialised $PGDATA"
fi

exec setpriv --reuid=postgres --regid=postgres --init-groups postgres -D "$PGDATA" -c listen_addresses='*' "$@"
