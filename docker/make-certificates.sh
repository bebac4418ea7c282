#!/usr/bin/env bash
# The certificates of the Orleans ports' mutual TLS in compose, as `actorscale cluster up` makes them locally: a private
# certificate authority (ca.crt, ca.key), one certificate per silo for server and client authentication (silo1..3), one
# for clients (client authentication only: it opens the gateways, never the silo-to-silo port), one for the load
# balancer's HTTPS (lb: server authentication only, for localhost and 127.0.0.1), one each for Redis's and PostgreSQL's
# TLS (redis, postgres: server authentication, for their service names, localhost and 127.0.0.1) and trust.crt, the
# authorities every process accepts (a browser or script trusts ca.crt). ECDSA P-256; files 0600 in $dir/tls
# (docker/secrets/tls, or $ACTORSCALE_SECRETS_DIR/tls). Run by make-secrets.sh; existing files are kept, and a
# certificate this script issues that is missing (one added by a newer version of it) is issued.
#
# Rotating the authority without stopping the cluster (each step followed by restarting the silos one by one; after
# --promote-ca restart Redis, PostgreSQL and the balancer too, as they read their certificates at start):
#   make-certificates.sh --stage-ca     a new authority, trusted next to the old one, issuing nothing yet
#   make-certificates.sh --promote-ca   the new authority issues every silo's and the client's certificate
#   make-certificates.sh --drop-ca      only the new authority is trusted
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
secrets="${ACTORSCALE_SECRETS_DIR:-$here/secrets}"
dir="$secrets/tls"
umask 077
mkdir -p "$dir"
chmod 700 "$dir"
cd "$dir"
# The certificates the non-root silo and console containers read: group 10001, 0640 (secrets-access.sh).
trap '"$here/secrets-access.sh" "$secrets"' EXIT

silos=(silo1 silo2 silo3)

new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

new_authority() { # $1: file stem
  new_key "$1.key"
  openssl req -x509 -new -key "$1.key" -sha256 -days 1825 -subj "/O=ActorScale/CN=ActorScale compose authority $(date -u +%FT%TZ)" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$1.crt"
}

issue() { # $1: name, $2: extended key usage, $3: subject alternative names (default DNS:$1)
  new_key "$1.key.new"
  openssl req -new -key "$1.key.new" -subj "/O=ActorScale/CN=actorscale-$1" -out "$1.csr"
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,%s\nsubjectAltName=%s\n' "$2" "${3:-DNS:$1}" >"$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -set_serial "0x$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n' | sed 's/^./7/')" \
    -days 365 -sha256 -extfile "$1.ext" -out "$1.crt.new" 2>/dev/null
  mv "$1.key.new" "$1.key" && mv "$1.crt.new" "$1.crt"
  rm -f "$1.csr" "$1.ext"
}

# $1: "all" issues every certificate, "missing" only those without a file.
issue_all() {
  local name
  for name in "${silos[@]}" client lb redis postgres; do
    [[ "$1" == all || ! -s "$name.crt" ]] || continue
    case "$name" in
      # `silos`: the one name the balancer checks for every silo (an nginx upstream group has one).
      silo*) issue "$name" serverAuth,clientAuth "DNS:$name,DNS:silos" ;;
      client) issue client clientAuth ;;
      *) issue "$name" serverAuth "DNS:$name,DNS:localhost,IP:127.0.0.1" ;;
    esac
  done
}

case "${1:-}" in
  --stage-ca)
    new_authority ca-next
    cat ca.crt ca-next.crt >trust.crt
    echo "staged a new authority (trusted, not issuing): restart the silos one by one, then --promote-ca" ;;
  --promote-ca)
    [[ -s ca-next.crt ]] || { echo "no staged authority: run --stage-ca first" >&2; exit 2; }
    mv ca.crt ca-previous.crt && mv ca-next.crt ca.crt && mv ca-next.key ca.key
    cat ca.crt ca-previous.crt >trust.crt
    issue_all all
    echo "the new authority issued every certificate: restart the silos one by one, then --drop-ca" ;;
  --drop-ca)
    rm -f ca-previous.crt
    cp ca.crt trust.crt
    echo "only the new authority is trusted: restart the silos one by one" ;;
  "")
    if [[ -s ca.crt ]]; then
      issue_all missing
      echo "kept    $dir (certificate authority and certificates)"
    else
      new_authority ca
      cp ca.crt trust.crt
      issue_all all
      echo "created $dir (certificate authority, ${silos[*]}, client, lb, redis, postgres)"
    fi ;;
  *) echo "usage: $0 [--stage-ca | --promote-ca | --drop-ca]" >&2; exit 2 ;;
esac
