#!/usr/bin/env bash
# Who may read which secret: the silo and console images run as uid and gid 10001 (not root), and compose bind-mounts
# each secret file with its host owner and mode, so the files those services read belong to group 10001, mode 0640;
# the rest stay 0600 (the authority's key is never mounted; Redis, PostgreSQL and nginx read theirs as root; the latter two
# then drop privileges). Run by make-secrets.sh and make-certificates.sh after every change. $1: the secrets folder.
set -euo pipefail
dir="$1"
service_group=10001
for file in redis-silo.password redis-client.password postgres-admin.password postgres-owner.password \
            postgres-app.password postgres-reader.password token.key token-previous.keys \
            tls/trust.crt tls/client.crt tls/client.key tls/silo1.crt tls/silo1.key tls/silo2.crt tls/silo2.key \
            tls/silo3.crt tls/silo3.key; do
  if [[ -e "$dir/$file" ]]; then
    chgrp "$service_group" "$dir/$file"
    chmod 640 "$dir/$file"
  fi
done
