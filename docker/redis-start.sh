#!/bin/sh
# Compose's Redis: writes a configuration with ActorScale's ACL users and starts redis-server on it. The users come from
# the launcher's own definition (src/ActorScale.Lab/Cluster/redis-users.conf, mounted read-only), with this deployment's
# ServiceId and ClusterId and, for each user whose secret is mounted (/run/secrets/redis_<user>_password), the SHA-256
# of its password: no password on a command line or in the configuration, and a user without a secret does not exist.
# The default user is off.
#
# TLS: when the certificate and key of Redis are mounted (redis_tls_cert, redis_tls_key, issued by the cluster's
# authority, docker/make-certificates.sh) with the authorities (cluster_tls_trust), Redis speaks TLS only, on 6379:
# passwords and the membership table cross the containers' network encrypted. Clients are authenticated by their ACL
# password, not by a certificate (tls-auth-clients no).
#
# Started as root (the image's default), it prepares the files, gives the configuration, the key and the data folder to
# the `redis` user and runs redis-server as that user: a break-in through Redis gets no root in the container.
# Arguments are passed on to redis-server (after the configuration file). The paths are compose's; the variables below
# move them (the tests run this script outside a container, as their own user: ACTORSCALE_REDIS_RUN_AS empty).
set -eu
users="${ACTORSCALE_REDIS_USERS:-/etc/actorscale/redis-users.conf}"
secrets="${ACTORSCALE_SECRETS:-/run/secrets}"
conf="${ACTORSCALE_REDIS_CONF:-/tmp/redis.conf}"
data="${ACTORSCALE_REDIS_DATA:-/data}"
run_as="${ACTORSCALE_REDIS_RUN_AS-redis}"
service="${ActorScale__Cluster__ServiceId:?the ServiceId of the silos}"
cluster="${ActorScale__Cluster__ClusterId:?the ClusterId of the silos}"

umask 077
{
  # Append-only file on a volume: a restarted Redis keeps the membership table. One database: users that may SELECT
  # (StackExchange.Redis does after a transaction) can select only it.
  printf '%s\n' "appendonly yes" "appendfsync everysec" "dir $data" "databases 1"
  if [ -s "$secrets/redis_tls_cert" ] && [ -s "$secrets/redis_tls_key" ]; then
    # Copied next to the configuration, where the user Redis runs as may read them and no one else (the mounted files
    # keep their owner on the host).
    cp "$secrets/redis_tls_cert" "$conf.crt"
    cp "$secrets/redis_tls_key" "$conf.key"
    cp "$secrets/cluster_tls_trust" "$conf.trust"
    printf '%s\n' "port 0" "tls-port 6379" "tls-cert-file $conf.crt" "tls-key-file $conf.key" \
      "tls-ca-cert-file $conf.trust" "tls-auth-clients no" 'tls-protocols "TLSv1.2 TLSv1.3"'
  fi
  grep -v -e '^#' -e '^[[:space:]]*$' "$users" | while IFS= read -r line; do
    line="$(printf '%s' "$line" | sed -e "s|{ServiceId}|$service|g" -e "s|{ClusterId}|$cluster|g")"
    user="$(printf '%s' "$line" | sed -n 's/.*#<\([a-z]*\)>.*/\1/p')"
    if [ -n "$user" ]; then
      [ -s "$secrets/redis_${user}_password" ] || continue
      hash="$(printf '%s' "$(cat "$secrets/redis_${user}_password")" | sha256sum | cut -d ' ' -f 1)"
      line="$(printf '%s' "$line" | sed "s|#<$user>|#$hash|")"
    fi
    printf '%s\n' "$line"
  done
} >"$conf"

if [ "$(id -u)" = 0 ] && [ -n "$run_as" ]; then
  for file in "$conf" "$conf.crt" "$conf.key" "$conf.trust" "$data"; do
    [ ! -e "$file" ] || chown "$run_as:" "$file"
  done
  find "$data" -mindepth 1 -exec chown "$run_as:" {} +
  exec setpriv --reuid="$run_as" --regid="$run_as" --init-groups redis-server "$conf" "$@"
fi
exec redis-server "$conf" "$@"
