# syntax=docker/dockerfile:1
# CaseLedger images. Targets:
#   api  (default, last stage) — the web API and pages, `dotnet Ledger.Api.dll`
#   cli                        — the `caseledger` command (used by docker-compose.yml to deploy the contract)
# The front-end bundles in src/Ledger.Api/wwwroot/lib are committed, so no Node.js is needed here.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so that the package layer is cached across source changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Ledger.Domain/Ledger.Domain.csproj src/Ledger.Domain/
COPY src/Ledger.Projections/Ledger.Projections.csproj src/Ledger.Projections/
COPY src/Ledger.Anchoring/Ledger.Anchoring.csproj src/Ledger.Anchoring/
COPY src/Ledger.Intake/Ledger.Intake.csproj src/Ledger.Intake/
COPY src/Ledger.LocalStack/Ledger.LocalStack.csproj src/Ledger.LocalStack/
COPY src/Ledger.Api/Ledger.Api.csproj src/Ledger.Api/
COPY src/Ledger.Cli/Ledger.Cli.csproj src/Ledger.Cli/
RUN dotnet restore src/Ledger.Api/Ledger.Api.csproj && dotnet restore src/Ledger.Cli/Ledger.Cli.csproj
# Then everything the build reads (see .dockerignore for what stays out), including contracts/ when present.
COPY . .
RUN dotnet publish src/Ledger.Api/Ledger.Api.csproj -c Release --no-restore -o /out/api -p:UseAppHost=false \
 && dotnet publish src/Ledger.Cli/Ledger.Cli.csproj -c Release --no-restore -o /out/cli -p:UseAppHost=false

# The CLI references the API project, so it runs on the ASP.NET Core runtime too.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS cli
WORKDIR /app
COPY --from=build /out/cli .
USER $APP_UID
ENTRYPOINT ["dotnet", "caseledger.dll"]

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS api
WORKDIR /app
COPY --from=build /out/api .
# The image's unprivileged "app" user (APP_UID), never root.
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Ledger.Api.dll"]
