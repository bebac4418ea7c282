# Stands in for postgres:15 where no registry is reachable: Debian's PostgreSQL 15 on the offline base, with the part of
# the public image's entry point that the compose file relies on (postgres-entrypoint.sh): the data directory
# /var/lib/postgresql/data, initialised on first start with the superuser `postgres` whose password is read from
# POSTGRES_PASSWORD_FILE (or POSTGRES_PASSWORD), password authentication over the network, pg_isready on PATH, and the
# entry point's name (docker-entrypoint.sh, which docker/postgres-start.sh runs).
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
# Debian's package would create and start a cluster of its own; the entry point creates the only one.
RUN mkdir -p /etc/postgresql-common/createcluster.d \
    && echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/no-main-cluster.conf \
    && apt-get update \
    && apt-get install -y --no-install-recommends postgresql-15 \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /var/lib/postgresql/data /var/run/postgresql \
    && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql
ENV PATH=/usr/lib/postgresql/15/bin:$PATH \
    PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint.sh
RUN ln -s postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]
CMD ["postgres"]
