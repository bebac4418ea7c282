# syntax=docker/dockerfile:1
# The actorscale console (compose runs it as `db migrate` and `demo`). Build context: the repository root. Only the
# files the build needs are copied, so local state in the context never reaches an image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY silo-config/ silo-config/
RUN --mount=type=cache,id=actorscale-nuget,target=/root/.nuget/packages \
    dotnet publish src/ActorScale.Client/ActorScale.Client.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app ./
ENTRYPOINT ["dotnet", "/app/actorscale.dll"]
