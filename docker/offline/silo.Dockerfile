# The silo from a self-contained publish (build.sh publishes it into the build context), in place of
# docker/silo.Dockerfile where no .NET image can be pulled. Same layout: the program and silo-config/ in /app.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
WORKDIR /app
COPY . /app/
# Not root: uid and gid 10001, which the secrets the service reads are given to (docker/secrets-access.sh).
RUN groupadd --gid 10001 actorscale && useradd --uid 10001 --gid 10001 --create-home --shell /usr/sbin/nologin actorscale
USER 10001:10001
ENTRYPOINT ["/app/ActorScale.Silo"]
