#!/usr/bin/env bash
# Builds the images docker-compose.yml runs, for a machine that reaches Debian's package archive and NuGet but no image
# registry: a Debian base from debootstrap, Redis, PostgreSQL 15 and nginx from Debian's packages, and the silo and the
# console from a self-contained publish of this repository. Prints the variables that point compose at them, one
# NAME=image per line on stdout (progress goes to stderr):
#
#   docker/offline/build.sh > docker/offline/images.env
#   docker-compose --env-file docker/offline/images.env up --no-build
#
# Each image is tagged with a hash of its inputs (actorscale/offline-<name>:<hash>), so an image is built once per
# machine and a run that finds every tag only prints them. A new tag replaces the older ones of the same name.
# Needs root (debootstrap), a running Docker engine, debootstrap and the .NET SDK.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="${ACTORSCALE_OFFLINE_CACHE:-$root/.actorscale/offline}"
suite=bookworm
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
security_mirror="${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
# The classic builder: it needs no BuildKit component and pulls nothing for FROM an image that is already here.
export DOCKER_BUILDKIT=0

log() { echo "offline: $*" >&2; }
fail() { log "$*"; exit 1; }
digest() { sha256sum | cut -c1-12; }
exists() { docker image inspect "$1" >/dev/null 2>&1; }

# docker_build TAG BASE DOCKERFILE CONTEXT, quietly: the builder's output is shown only when the build fails.
docker_build() {
  local output
  if ! output="$(docker build -q --build-arg "BASE_IMAGE=$2" -f "$3" -t "$1" "$4" 2>&1)"; then
    echo "$output" >&2
    fail "building $1 failed"
  fi
}

# Keeps only the newest tag of an image name, so a changed input does not leave old images behind.
prune_older() {
  local repository="$1" keep="$2" tag
  for tag in $(docker image ls "$repository" --format '{{.Tag}}'); do
    [[ "$tag" == "$keep" ]] || docker image rm "$repository:$tag" >/dev/null 2>&1 || true
  done
}

# The root file system of every image: Debian's minimal base, with the updates and security suites, no services
# started by package scripts (there is no init in a container), no recommended packages and no package lists kept.
make_base_rootfs() {
  local rootfs="$1"
  debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >&2
  cat >"$rootfs/etc/apt/sources.list" <<SOURCES
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security_mirror $suite-security main
SOURCES
  printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d"
  chmod 755 "$rootfs/usr/sbin/policy-rc.d"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$rootfs/etc/apt/apt.conf.d/90actorscale"
  chroot "$rootfs" apt-get clean
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin
}

build_base() {
  local tag rootfs
  tag="actorscale/offline-base:$( { declare -f make_base_rootfs; echo "$suite $mirror $security_mirror"; } | digest)"
  if ! exists "$tag"; then
    [[ "$(id -u)" == 0 ]] || fail "debootstrap needs root to build $tag"
    command -v debootstrap >/dev/null || fail "debootstrap is missing: apt-get install -y debootstrap"
    rootfs="$(mktemp -d "${TMPDIR:-/tmp}/actorscale-rootfs.XXXXXX")"
    log "building $tag (debootstrap $suite)"
    make_base_rootfs "$rootfs"
    tar -C "$rootfs" -c . | docker import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["bash"]' - "$tag" >/dev/null
    rm -rf "$rootfs"
    prune_older "${tag%:*}" "${tag##*:}"
  fi
  echo "$tag"
}

# build_image NAME BASE CONTEXT DOCKERFILE [INPUT...]: the image NAME from DOCKERFILE on BASE, tagged with a hash of
# the base, the Dockerfile and the named input files (relative to CONTEXT).
build_image() {
  local name="$1" base="$2" context="$3" dockerfile="$4" tag
  shift 4
  tag="actorscale/offline-$name:$( { echo "$base"; cat "$dockerfile"; (cd "$context" && cat -- "$@" </dev/null); } | digest)"
  if ! exists "$tag"; then
    log "building $tag"
    docker_build "$tag" "$base" "$dockerfile" "$context"
    prune_older "${tag%:*}" "${tag##*:}"
  fi
  echo "$tag"
}

# A hash of everything a publish reads: the sources, the silo's configuration and the build settings.
sources_digest() {
  (cd "$root" && find src silo-config global.json Directory.Build.props Directory.Packages.props .editorconfig \
    -type f ! -path '*/bin/*' ! -path '*/obj/*' -print0 | sort -z | xargs -0 sha256sum) | digest
}

# build_program NAME PROJECT BASE SOURCES: the self-contained publish of PROJECT, as the image NAME on BASE.
build_program() {
  local name="$1" project="$2" base="$3" sources="$4" tag output
  tag="actorscale/offline-$name:$( { echo "$base $sources"; cat "$here/$name.Dockerfile"; } | digest)"
  if ! exists "$tag"; then
    output="$cache/publish/$name"
    rm -rf "$output"
    log "publishing $project (self-contained, linux-x64)"
    # A build folder of its own: the publish never touches the artifacts/ that tests and the console run from.
    dotnet publish "$root/$project" -c Release -r linux-x64 --self-contained -p:DebugType=none \
      --artifacts-path "$cache/artifacts" -o "$output" -nologo -v q -clp:NoSummary >&2
    log "building $tag"
    docker_build "$tag" "$base" "$here/$name.Dockerfile" "$output"
    prune_older "${tag%:*}" "${tag##*:}"
  fi
  echo "$tag"
}

docker info >/dev/null 2>&1 || fail "no Docker engine answers (is dockerd running?)"
mkdir -p "$cache"
# One build at a time on a machine: a second waits and then finds the images built.
exec 9>"$cache/build.lock"
flock 9

base="$(build_base)"
redis="$(build_image redis "$base" "$here" "$here/redis.Dockerfile")"
postgres="$(build_image postgres "$base" "$here" "$here/postgres.Dockerfile" postgres-entrypoint.sh)"
nginx="$(build_image nginx "$base" "$here" "$here/nginx.Dockerfile")"
runtime="$(build_image dotnet-runtime "$base" "$here" "$here/dotnet-runtime.Dockerfile")"
sources="$(sources_digest)"
silo="$(build_program silo src/ActorScale.Silo/ActorScale.Silo.csproj "$runtime" "$sources")"
client="$(build_program client src/ActorScale.Client/ActorScale.Client.csproj "$runtime" "$sources")"

cat <<IMAGES
REDIS_IMAGE=$redis
POSTGRES_IMAGE=$postgres
NGINX_IMAGE=$nginx
SILO_IMAGE=$silo
CLIENT_IMAGE=$client
IMAGES
