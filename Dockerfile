# syntax=docker/dockerfile:1
# Flireo.Tools.Server: a ready host for tool libraries ("plugins"), run as the non-root 'app' user of the .NET images.
#
#   docker build -t flireo-tools-server .
#   dotnet publish path/to/MyTools.csproj -c Release -o tools/MyTools
#   docker run --rm -p 8080:8080 --stop-timeout 60 -e Flireo__WebhookSecret=... \
#     -v "$PWD/tools:/app/tools:ro" flireo-tools-server
#
# Every folder under /app/tools holding NAME.dll next to NAME.deps.json (a published project) is loaded; or point
# Flireo__Server__ToolAssemblies__0 (or --tools) at one .dll. To bake a tool project of this repository into the image:
#   docker build --build-arg TOOLS_PROJECT=examples/Flireo.Examples.Restaurant/Flireo.Examples.Restaurant.csproj -t flireo-restaurant .

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /source

# Restore in its own layer: it only changes when a project or the package pins change.
COPY --link global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY --link src/Directory.Build.props src/
COPY --link src/Flireo.Tools/Flireo.Tools.csproj src/Flireo.Tools/
COPY --link src/Flireo.Tools.AspNetCore/Flireo.Tools.AspNetCore.csproj src/Flireo.Tools.AspNetCore/
COPY --link src/Flireo.Tools.Server/Flireo.Tools.Server.csproj src/Flireo.Tools.Server/
RUN dotnet restore src/Flireo.Tools.Server/Flireo.Tools.Server.csproj -a $TARGETARCH

COPY --link src/ src/
RUN dotnet publish src/Flireo.Tools.Server/Flireo.Tools.Server.csproj -c Release -a $TARGETARCH --no-restore -o /app

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

# The base image listens on 8080 (ASPNETCORE_HTTP_PORTS) and defines APP_UID, the non-root 'app' user.
ENV DOTNET_ENVIRONMENT=Production \
    Flireo__Server__ToolAssemblies__0=/app/tools \
    Flireo__Server__LogFormat=Json
EXPOSE 8080
USER $APP_UID

# SIGTERM stops taking requests, lets in-flight calls answer and drains async work (Flireo__AsyncTools__ShutdownDrainTimeout,
# default 30 s): give the container at least that long to stop (docker --stop-timeout, Kubernetes terminationGracePeriodSeconds).
# Probes: GET /healthz (liveness) and GET /readyz (readiness); the image has no curl, so use the orchestrator's HTTP probes.
STOPSIGNAL SIGTERM
ENTRYPOINT ["./Flireo.Tools.Server"]
