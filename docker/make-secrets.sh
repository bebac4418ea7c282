#!/usr/bin/env bash
# Writes the passwords that docker-compose.yml mounts as secrets: one random password per file, readable by the
# owner only, in docker/secrets/ (git-ignored), or in $ACTORSCALE_SECRETS_DIR when it is set (compose reads the same
# variable). Existing files are kept: the database volume holds roles created with them, so a new password would
# lock the cluster out.
set -euo pipefail
dir="${ACTORSCALE_SECRETS_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/secrets}"
umask 077
mkdir -p "$dir"
chmod 700 "$dir"
for name in redis postgres-admin postgres-owner postgres-app; do
  file="$dir/$name.password"
  if [[ -s "$file" ]]; then
    echo "kept    $file"
  else
    # Hex only: the Redis connection string is comma-separated, so the password must need no escaping anywhere.
    od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$file"
    chmod 600 "$file"
    echo "created $file"
  fi
done
