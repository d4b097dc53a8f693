"""Insights: unanswered questions (masked, deleted after the retention period) and anonymous daily counters.

Revision ID: 0002_insights
Revises: 0001_app_data
Create Date: 2026-06-15
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_insights"
down_revision: str | None = "0001_app_data"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "unanswered_questions",
        sa.Column("message_id", sa.String(64), primary_key=True),
        sa.Column("session_id", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("question", sa.Text(), nullable=True),
        sa.Column("intent", sa.String(32), nullable=True),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("sector", sa.String(32), nullable=True),
        sa.Column("gemeinde", sa.String(100), nullable=True),
        sa.Column("kreis", sa.String(100), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("weak", sa.Boolean(), nullable=False),
        sa.Column("declined", sa.Boolean(), nullable=False),
        sa.Column("rated_down", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_unanswered_questions_session_id", "unanswered_questions", ["session_id"])
    op.create_index("ix_unanswered_questions_created_at", "unanswered_questions", ["created_at"])

    op.create_table(
        "daily_counts",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("metric", sa.String(32), primary_key=True),
        sa.Column("item", sa.String(200), primary_key=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("total", sa.Float(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("daily_counts")
    op.drop_table("unanswered_questions")
