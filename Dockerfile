# syntax=docker/dockerfile:1
# Build: docker build -t ifpfeeds .
# Run:   docker run -p 8080:8080 -v "$PWD/articles:/app/articles:ro" -v ifpfeeds-data:/app/data -e Feeds__BaseUrl=https://feeds.example.com/ ifpfeeds

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/IfpFeeds/IfpFeeds.csproj src/IfpFeeds/
RUN dotnet restore src/IfpFeeds/IfpFeeds.csproj
COPY src/ src/
RUN dotnet publish src/IfpFeeds/IfpFeeds.csproj -c Release --no-restore -o /app/publish

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# curl for the HEALTHCHECK only.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/publish ./
# The repo's captures as a default; mount a folder over /app/articles to serve your own.
COPY articles/ ./articles/
# The first-seen registry (README, "Dates"): a volume owned by the app's user, kept across redeploys.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
VOLUME /app/data
ENV ASPNETCORE_URLS=http://+:8080 \
    Feeds__ArticlesPath=/app/articles \
    Feeds__DataPath=/app/data
EXPOSE 8080
# The image's built-in non-root user (uid 1654).
USER $APP_UID
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD curl -fsS http://localhost:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "IfpFeeds.dll"]
