# Saisaat's container image: the production start (`python -m saisaat.serve`, what
# `make serve` runs) on port 8000, with PostgreSQL, Redis and S3 support installed.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    SAISAAT_HOME=/app \
    SAISAAT_DATA_DIR=/data \
    STATIC_ROOT=/app/staticfiles

# pg_dump/pg_restore for `manage.py backup`/`restore`; their major version must be at least
# the server's (compose.yaml runs PostgreSQL 15, bookworm ships client 15).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md manage.py ./
COPY src ./src
RUN pip install '.[s3]' \
    && useradd --system --create-home --shell /usr/sbin/nologin saisaat \
    && mkdir -p /data /app/staticfiles \
    && chown saisaat /data /app/staticfiles

USER saisaat
VOLUME ["/data"]
EXPOSE 8000
CMD ["python", "-m", "saisaat.serve"]
