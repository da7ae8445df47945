"""Slack integration: the /rca slash command (`rca serve slack`).

    commands.py   parse the command text (`/rca <service> [last 1h] [severity>=LEVEL]`, `/rca help`)
    server.py     Starlette app: verify signatures, acknowledge, build reports in a bounded pool,
                  post Block Kit (rca.render.slack) to response_url, upload the Markdown report

Imports stay lazy: `rca --help` must not pay for starlette, uvicorn or slack_sdk.
"""
