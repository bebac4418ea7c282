# Stands in for redis:7 where no registry is reachable: Debian's Redis 7 on the offline base. The compose file runs
# `sh -c 'exec redis-server --requirepass ...'` and checks health with redis-cli, so the image needs sh, redis-server and
# redis-cli on PATH. Without a config file redis-server listens on every interface, as the public image does.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends redis-server redis-tools \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /data
EXPOSE 6379
CMD ["redis-server"]
