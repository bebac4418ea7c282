# The ActorScale silo. Build context: the repository root (see docker-compose.yml). Only the files the build needs
# are copied, so local state in the context (artifacts/, .actorscale/, docker/secrets/) never reaches an image.
# Both bases are build arguments (compose passes DOTNET_SDK_IMAGE and DOTNET_ASPNET_IMAGE); the defaults are the public
# images. Where none can be pulled, docker/offline/ builds the silo image from a self-contained publish instead.
ARG DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG DOTNET_ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${DOTNET_SDK_IMAGE} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY silo-config/ silo-config/
RUN --mount=type=cache,id=actorscale-nuget,target=/root/.nuget/packages \
    dotnet publish src/ActorScale.Silo/ActorScale.Silo.csproj -c Release -o /app

FROM ${DOTNET_ASPNET_IMAGE}
WORKDIR /app
# The silo project publishes silo-config/ next to the binary, where the silo looks for appsettings.json.
COPY --from=build /app ./
# Not root: uid and gid 10001, which the secrets the service reads are given to (docker/secrets-access.sh).
RUN groupadd --gid 10001 actorscale && useradd --uid 10001 --gid 10001 --create-home --shell /usr/sbin/nologin actorscale
USER 10001:10001
ENTRYPOINT ["dotnet", "/app/ActorScale.Silo.dll"]
