# syntax=docker/dockerfile:1
# Attune: build a release binary with the Swift runtime linked in, run it on
# Debian slim with only the C libraries it loads.
#   docker build -t attune .
#   docker run --rm -p 8080:8080 -v attune-data:/data attune

# ---- build ---------------------------------------------------------------------
FROM swift:6.3-bookworm AS build
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get update -q \
    && apt-get install -y -q --no-install-recommends \
        pkg-config libsqlite3-dev libcurl4-openssl-dev libpq-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Resolve dependencies in their own layer, so a source change does not refetch them.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product attune \
    && swift build -c release --static-swift-stdlib --product attune-smoke \
    && install -D "$(swift build -c release --show-bin-path)/attune" /staging/attune \
    && install -D "$(swift build -c release --show-bin-path)/attune-smoke" /staging/attune-smoke

# ---- run -----------------------------------------------------------------------
FROM debian:bookworm-slim
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get update -q \
    && apt-get install -y -q --no-install-recommends \
        libsqlite3-0 libcurl4 libpq5 libstdc++6 ca-certificates tzdata curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin attune \
    && install -d -o attune -g attune -m 750 /data
COPY --from=build /staging/attune /staging/attune-smoke /usr/local/bin/

ENV ATTUNE_HOST=0.0.0.0 \
    ATTUNE_PORT=8080 \
    ATTUNE_DATABASE=/data/attune.sqlite
VOLUME /data
WORKDIR /data
USER 10001:10001
EXPOSE 8080
# SIGTERM drains connections and exits 0 (docker stop sends it).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${ATTUNE_PORT}/healthz" >/dev/null || exit 1
ENTRYPOINT ["/usr/local/bin/attune"]
CMD ["serve"]
