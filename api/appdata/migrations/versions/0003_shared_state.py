"""Shared state of several API workers: conversations and rate-limit counters.

Revision ID: 0003_shared_state
Revises: 0002_insights
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_shared_state"
down_revision: str | None = "0002_insights"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column("session_id", sa.String(64), primary_key=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.Column("slots", sa.JSON(), nullable=False),
        sa.Column("turns", sa.JSON(), nullable=False),
    )
    op.create_index("ix_conversations_last_seen", "conversations", ["last_seen"])

    op.create_table(
        "rate_limit_counters",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("window_index", sa.Integer(), primary_key=True),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_rate_limit_counters_expires_at", "rate_limit_counters", ["expires_at"])


def downgrade() -> None:
    op.drop_table("rate_limit_counters")
    op.drop_table("conversations")
