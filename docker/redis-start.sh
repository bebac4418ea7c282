#!/bin/sh
# Compose's Redis: writes a configuration with ActorScale's ACL users and starts redis-server on it. The users come from
# the launcher's own definition (src/ActorScale.Lab/Cluster/redis-users.conf, mounted read-only), with this deployment's
# ServiceId and ClusterId and, for each user whose secret is mounted (/run/secrets/redis_<user>_password), the SHA-256
# of its password: no password on a command line or in the configuration, and a user without a secret does not exist.
# The default user is off. Arguments are passed on to redis-server (after the configuration file). The paths are
# compose's; the variables below move them (the tests run this script outside a container).
set -eu
users="${ACTORSCALE_REDIS_USERS:-/etc/actorscale/redis-users.conf}"
secrets="${ACTORSCALE_SECRETS:-/run/secrets}"
conf="${ACTORSCALE_REDIS_CONF:-/tmp/redis.conf}"
data="${ACTORSCALE_REDIS_DATA:-/data}"
service="${ActorScale__Cluster__ServiceId:?the ServiceId of the silos}"
cluster="${ActorScale__Cluster__ClusterId:?the ClusterId of the silos}"

umask 077
{
  # Append-only file on a volume: a restarted Redis keeps the membership table. One database: users that may SELECT
  # (StackExchange.Redis does after a transaction) can select only it.
  printf '%s\n' "appendonly yes" "appendfsync everysec" "dir $data" "databases 1"
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
exec redis-server "$conf" "$@"
