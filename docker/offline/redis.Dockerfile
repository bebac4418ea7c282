# Stands in for redis:7 where no registry is reachable: Debian's Redis 7 on the offline base. The compose file runs
# docker/redis-start.sh (sh, grep, sed, sha256sum: all in the base) and checks health with redis-cli, so the image needs
# those, redis-server and redis-cli on PATH. Its configuration names no address, so redis-server listens on every
# interface, as the public image does.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends redis-server redis-tools \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /data
EXPOSE 6379
CMD ["redis-server"]
