# The API, built from source; see docs/deployment.md.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/StakeholderCrm.Api/StakeholderCrm.Api.csproj src/StakeholderCrm.Api/
RUN dotnet restore src/StakeholderCrm.Api/StakeholderCrm.Api.csproj
COPY src/ src/
COPY db/ db/
RUN dotnet publish src/StakeholderCrm.Api/StakeholderCrm.Api.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The SQLite default writes to /app/data; with SQL Server the folder stays empty.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
# On one CPU the runtime otherwise waits 1 s, again and again while new code runs, before optimising hot methods:
# under load the API took about 30 s to reach its full speed (docs/benchmarks.md).
# The Data Protection keys that encrypt webhook secrets live with the data: lose them and every secret must be rotated.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_TC_CallCountingDelayMs=0 \
    Webhooks__KeysFolder=/app/data/keys
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "StakeholderCrm.Api.dll", "healthcheck", "http://localhost:8080/health/ready"]
ENTRYPOINT ["dotnet", "StakeholderCrm.Api.dll"]
