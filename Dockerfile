# syntax=docker/dockerfile:1
# Stage 1: build the SPA.
FROM node:20-bookworm-slim AS spa
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

# Stage 2: the Python application, with what the candidate-code sandbox runs (the same Debian packages as
# `make system-deps`): bubblewrap, a C compiler (for the sandbox's launcher), and the shipped languages. The sandbox sees /usr only, so candidates'
# Python is Debian's /usr/bin/python3, not this image's /usr/local one. (The man1 directory: the JDK's
# post-install step fails without it on slim images.)
FROM python:3.11-slim-bookworm AS app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && apt-get install -y --no-install-recommends bubblewrap gcc python3 nodejs default-jdk-headless g++ curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock pyproject.toml ./
RUN pip install -r requirements.lock
COPY backend/ backend/
COPY alembic/ alembic/
COPY alembic.ini ./
RUN pip install --no-deps .
COPY --from=spa /src/frontend/dist /app/frontend/dist
ENV INTERVIEWFLOW_SPA_DIR=/app/frontend/dist \
    INTERVIEWFLOW_HOST=0.0.0.0 \
    INTERVIEWFLOW_LOG_FORMAT=json
RUN useradd --create-home --uid 10001 interviewflow
USER interviewflow
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD curl -fsS http://127.0.0.1:8000/healthz || exit 1
CMD ["interviewflow", "serve", "--host", "0.0.0.0", "--port", "8000"]
