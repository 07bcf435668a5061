# syntax=docker/dockerfile:1
# Flireo.Tools.Server: a ready host for tool libraries ("plugins"), run as the non-root 'app' user of the .NET images.
#
#   docker build -t flireo-tools-server .
#   dotnet publish path/to/MyTools.csproj -c Release -o tools/MyTools
#   docker run --rm -p 8080:8080 --stop-timeout 60 -e Flireo__WebhookSecret=... \
#     -v "$PWD/tools:/app/tools:ro" -v flireo-data:/app/data flireo-tools-server
#
# Every folder under /app/tools holding NAME.dll next to NAME.deps.json (a published project) is loaded; or point
# Flireo__Server__ToolAssemblies__0 (or --tools) at one .dll. To bake a tool project of this repository into the image:
#   docker build --build-arg TOOLS_PROJECT=examples/Flireo.Examples.Restaurant/Flireo.Examples.Restaurant.csproj -t flireo-restaurant .
#
# Acknowledged async calls are stored in a SQLite file under /app/data (Flireo__Server__DataDirectory) before the webhook
# is answered: mount a volume there (a local disk, not NFS) so they run after a crash or a new container. A bind-mounted
# folder must be writable by the 'app' user (uid 1654). Flireo__Server__Queue=Memory keeps them in memory (lost on crash);
# Flireo__Server__Queue=Redis with Flireo__Redis__ConnectionString=host:6379 shares one queue between several containers.

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /source

# Restore in its own layer: it only changes when a project or the package pins change.
COPY --link global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY --link src/Directory.Build.props src/
COPY --link src/Flireo.Tools/Flireo.Tools.csproj src/Flireo.Tools/
COPY --link src/Flireo.Tools.AspNetCore/Flireo.Tools.AspNetCore.csproj src/Flireo.Tools.AspNetCore/
COPY --link src/Flireo.Tools.Sqlite/Flireo.Tools.Sqlite.csproj src/Flireo.Tools.Sqlite/
COPY --link src/Flireo.Tools.Redis/Flireo.Tools.Redis.csproj src/Flireo.Tools.Redis/
COPY --link src/Flireo.Tools.Mcp/Flireo.Tools.Mcp.csproj src/Flireo.Tools.Mcp/
COPY --link src/Flireo.Tools.Hosting/Flireo.Tools.Hosting.csproj src/Flireo.Tools.Hosting/
COPY --link src/Flireo.Tools.Server/Flireo.Tools.Server.csproj src/Flireo.Tools.Server/
# ReadyToRun: precompiled code makes the first answer come sooner (start to first answer 1.82x -> 1.50x the bare-Kestrel
# reference, benchmarks/RESULTS.md). The restore needs the property too, to fetch the compiler.
RUN dotnet restore src/Flireo.Tools.Server/Flireo.Tools.Server.csproj -a $TARGETARCH -p:PublishReadyToRun=true

COPY --link src/ src/
RUN dotnet publish src/Flireo.Tools.Server/Flireo.Tools.Server.csproj -c Release -a $TARGETARCH --no-restore -p:PublishReadyToRun=true -o /app

# Optional tool project built into the image (empty /tools when TOOLS_PROJECT is not given).
FROM build AS tools
ARG TARGETARCH
ARG TOOLS_PROJECT=
COPY --link . .
RUN mkdir -p /tools \
    && if [ -n "$TOOLS_PROJECT" ]; then \
         dotnet publish "$TOOLS_PROJECT" -c Release -a $TARGETARCH -o "/tools/$(basename "$TOOLS_PROJECT" .csproj)"; \
       fi

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --link --from=build /app .
COPY --link --from=tools /tools /app/tools
RUN mkdir -p /app/data && chown $APP_UID /app/data

# The base image listens on 8080 (ASPNETCORE_HTTP_PORTS) and defines APP_UID, the non-root 'app' user.
ENV DOTNET_ENVIRONMENT=Production \
    Flireo__Server__ToolAssemblies__0=/app/tools \
    Flireo__Server__LogFormat=Json \
    Flireo__Server__DataDirectory=/app/data
EXPOSE 8080
VOLUME /app/data
USER $APP_UID

# SIGTERM stops taking requests, lets in-flight calls answer and drains async work (Flireo__AsyncTools__ShutdownDrainTimeout,
# default 30 s): give the container at least that long to stop (docker --stop-timeout, Kubernetes terminationGracePeriodSeconds).
# Probes: GET /healthz (liveness) and GET /readyz (readiness); the image has no curl, so use the orchestrator's HTTP probes.
STOPSIGNAL SIGTERM
ENTRYPOINT ["./Flireo.Tools.Server"]
