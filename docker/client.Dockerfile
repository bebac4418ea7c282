# The actorscale console (compose runs it as `db migrate` and `demo`). Build context: the repository root. Only the
# files the build needs are copied, so local state in the context never reaches an image.
# Both bases are build arguments (compose passes DOTNET_SDK_IMAGE and DOTNET_RUNTIME_IMAGE); the defaults are the
# public images. Where none can be pulled, docker/offline/ builds the console image from a self-contained publish.
ARG DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG DOTNET_RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime:10.0

FROM ${DOTNET_SDK_IMAGE} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY silo-config/ silo-config/
RUN --mount=type=cache,id=actorscale-nuget,target=/root/.nuget/packages \
    dotnet publish src/ActorScale.Client/ActorScale.Client.csproj -c Release -o /app

FROM ${DOTNET_RUNTIME_IMAGE}
WORKDIR /app
COPY --from=build /app ./
# Not root: uid and gid 10001, which the secrets the service reads are given to (docker/secrets-access.sh).
RUN groupadd --gid 10001 actorscale && useradd --uid 10001 --gid 10001 --create-home --shell /usr/sbin/nologin actorscale
USER 10001:10001
ENTRYPOINT ["dotnet", "/app/actorscale.dll"]
