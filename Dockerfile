# syntax=docker/dockerfile:1
# ai-trends in a container: `ai-trends serve` by default; compose.yaml runs the worker from the same image.
# Built from this repository alone: the first stage builds ai-trends and its dependencies into wheels, the
# second installs only those wheels (no network, no source tree left behind) and runs as a non-root user.
FROM python:3.11-slim-bookworm AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY data ./data
RUN pip wheel --no-cache-dir --disable-pip-version-check --wheel-dir /wheels .

FROM python:3.11-slim-bookworm
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    AI_TRENDS_DB=/var/lib/ai-trends/ai-trends.db \
    PORT=3000
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-cache-dir --disable-pip-version-check --no-index --find-links /wheels ai-trends
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin ai-trends \
    && mkdir -p /var/lib/ai-trends \
    && chown ai-trends:ai-trends /var/lib/ai-trends
# The store (SQLite, WAL) lives on this volume; web and worker share it (see compose.yaml).
VOLUME ["/var/lib/ai-trends"]
USER ai-trends
WORKDIR /home/ai-trends
EXPOSE 3000
# `ai-trends health` works in every mode (HTTP, Socket Mode, worker); HTTP mode also answers GET /healthz.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["ai-trends", "health"]
# SIGTERM stops it quietly within 10 s (Docker's default grace period), answering or handing back requests.
STOPSIGNAL SIGTERM
CMD ["ai-trends", "serve"]
