# The silo from a self-contained publish (build.sh publishes it into the build context), in place of
# docker/silo.Dockerfile where no .NET image can be pulled. Same layout: the program and silo-config/ in /app.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
WORKDIR /app
COPY . /app/
ENTRYPOINT ["/app/ActorScale.Silo"]
