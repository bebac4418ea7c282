# The actorscale console from a self-contained publish (build.sh publishes it into the build context), in place of
# docker/client.Dockerfile where no .NET image can be pulled.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
WORKDIR /app
COPY . /app/
ENTRYPOINT ["/app/actorscale"]
