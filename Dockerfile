# The /rca Slack server for Cloud Run (docs/slack-and-live.md, "Deploying on Cloud Run").
#
#   gcloud run deploy rca-slack --source . --no-cpu-throttling --min-instances=1 ...
#
# Reports are built after Slack's 3 s acknowledgement, outside any request: the service needs
# instance-based billing (--no-cpu-throttling) or Cloud Run throttles the CPU to nothing once the
# ack is sent, and --min-instances=1 so a command never waits for a cold start.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY . .
RUN pip install . && useradd --system --uid 10001 --no-create-home rca && rm -rf /src
WORKDIR /

USER rca
# Cloud Run sets PORT; 8080 is its default.
ENV PORT=8080
EXPOSE 8080
CMD exec rca serve slack --host 0.0.0.0 --port "${PORT}" --workers 2
