"""history store: runs, their clusters by fingerprint, and links people add

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("healthy", sa.Boolean, nullable=False),
        sa.Column("window_start", sa.DateTime),
        sa.Column("window_end", sa.DateTime),
        sa.Column("minutes", sa.Float, nullable=False),
        sa.Column("source", sa.String(1000), nullable=False),
        sa.Column("services", sa.JSON, nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("root_cause", sa.Text),
        sa.Column("category", sa.String(64)),
        sa.Column("root_cluster_ids", sa.JSON, nullable=False),
        sa.Column("priority", sa.String(8), nullable=False),
        sa.Column("report", sa.String(2000)),
        sa.Column("entries", sa.Integer, nullable=False),
    )
    op.create_index("ix_runs_recorded_at", "runs", ["recorded_at"])
    op.create_index("ix_runs_window_start", "runs", ["window_start"])
    op.create_table(
        "run_clusters",
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("fingerprint", sa.String(64), primary_key=True),
        sa.Column("template", sa.Text, nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("errors", sa.Integer, nullable=False),
        sa.Column("rate_per_min", sa.Float, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("services", sa.JSON, nullable=False),
    )
    op.create_index("ix_run_clusters_fingerprint", "run_clusters", ["fingerprint"])
    op.create_table(
        "links",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_links_run_id", "links", ["run_id"])


def downgrade() -> None:
    op.drop_table("links")
    op.drop_table("run_clusters")
    op.drop_table("runs")
