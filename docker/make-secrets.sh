#!/usr/bin/env bash
# Writes the passwords and the token key that docker-compose.yml mounts as secrets: one random value per file, readable
# by the owner only, in docker/secrets/ (git-ignored), or in $ACTORSCALE_SECRETS_DIR when it is set (compose reads the
# same variable). Existing files are kept: the database volume holds roles created with them, so a new password would
# lock the cluster out, and a new token key would log every user out.
#
# The certificates (the cluster's authority, silo1..3, client, lb) come from make-certificates.sh, which this script
# runs; it also rotates the authority (--stage-ca, --promote-ca, --drop-ca).
#
# Rotating the token key (token.key signs session tokens; token-previous.keys, one per line, only verify), without
# refusing any token:
#   make-secrets.sh --stage-token-key    a new key, verify-only for now; then restart the silos one by one
#   make-secrets.sh --promote-token-key  the new key signs, the old one verifies; restart the silos one by one again
#   make-secrets.sh --drop-token-keys    once the old key's tokens have expired (24 h): forget it; restart the silos
set -euo pipefail
dir="${ACTORSCALE_SECRETS_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/secrets}"
umask 077
mkdir -p "$dir"
chmod 700 "$dir"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The files the non-root silo and console containers read: group 10001, 0640 (docker/secrets-access.sh).
trap '"$here/secrets-access.sh" "$dir"' EXIT

# Hex only: the Redis connection string is comma-separated, so the password must need no escaping anywhere.
random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

key="$dir/token.key"
previous="$dir/token-previous.keys"
next="$dir/token-next.key"
case "${1:-}" in
  --stage-token-key)
    random_hex 32 >"$next"
    { cat "$next"; echo; cat "$previous" 2>/dev/null || true; } >"$previous.tmp" && mv "$previous.tmp" "$previous"
    echo "staged  $next (verify-only in $previous): restart the silos, then --promote-token-key"
    exit 0 ;;
  --promote-token-key)
    [[ -s "$next" ]] || { echo "no staged key: run --stage-token-key first" >&2; exit 2; }
    { cat "$key"; echo; grep -vxF -f "$next" "$previous" || true; } >"$previous.tmp" && mv "$previous.tmp" "$previous"
    mv "$next" "$key"
    echo "promoted $key (the old key verifies only): restart the silos; --drop-token-keys once its tokens expired"
    exit 0 ;;
  --drop-token-keys)
    : >"$previous"
    echo "emptied $previous: restart the silos"
    exit 0 ;;
  "") ;;
  *) echo "usage: $0 [--stage-token-key | --promote-token-key | --drop-token-keys]" >&2; exit 2 ;;
esac

# One password per Redis ACL user compose runs (silos and the client; docker/redis-start.sh), one per PostgreSQL role.
for name in redis-silo redis-client postgres-admin postgres-owner postgres-app postgres-reader; do
  file="$dir/$name.password"
  if [[ -s "$file" ]]; then
    echo "kept    $file"
  else
    random_hex 24 >"$file"
    chmod 600 "$file"
    echo "created $file"
  fi
done

if [[ -s "$key" ]]; then
  echo "kept    $key"
else
  random_hex 32 >"$key"
  chmod 600 "$key"
  echo "created $key"
fi

# Compose mounts it whether or not a rotation is under way: empty means no previous keys.
[[ -e "$previous" ]] || { : >"$previous"; echo "created $previous"; }

# The certificates of the Orleans ports' mutual TLS and the balancer's HTTPS (tls/; kept when present).
"$here/make-certificates.sh"
