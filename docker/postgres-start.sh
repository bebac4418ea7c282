#!/bin/bash
# Compose's PostgreSQL with TLS required: copies the server's certificate and key (postgres_tls_cert, postgres_tls_key,
# issued by the cluster's authority, docker/make-certificates.sh) to where only the postgres user may read them, as
# PostgreSQL demands of a key, then runs the image's own entry point with TLS on and docker/postgres-hba.conf, which
# refuses every network connection without TLS. Clients verify the server (SSL Mode=VerifyFull, with the authorities as
# Root Certificate) and log in with their role's SCRAM password. Started as root; the entry point runs the server as
# the postgres user. Arguments: the entry point's (`postgres` and the server's options).
set -euo pipefail
secrets="${ACTORSCALE_SECRETS:-/run/secrets}"
tls=/var/lib/postgresql/tls
install -d -o postgres -g postgres -m 0700 "$tls"
install -o postgres -g postgres -m 0600 "$secrets/postgres_tls_cert" "$tls/server.crt"
install -o postgres -g postgres -m 0600 "$secrets/postgres_tls_key" "$tls/server.key"
exec docker-entrypoint.sh "$@" -c ssl=on -c ssl_min_protocol_version=TLSv1.2 \
  -c ssl_cert_file="$tls/server.crt" -c ssl_key_file="$tls/server.key" -c hba_file=/etc/actorscale/pg_hba.conf
