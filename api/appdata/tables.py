"""The app data tables (SQLAlchemy Core). Migrations in migrations/versions/ create exactly these.

Personal data lives only in the contact columns of `handoffs` (and in feedback comments, masked); the retention
purge empties them and keeps the non-personal facts (partner, dates, delivery state) for statistics.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Float, ForeignKey, Integer, MetaData, String, Table, Text, UniqueConstraint

from api.appdata.utc_datetime import UtcDateTime

# Named constraints: Alembic's batch mode (SQLite) and later migrations need stable names on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING_CONVENTION)

# One row per answered chat turn: what the answer rested on, never what the user wrote.
turns = Table(
    "turns",
    metadata,
    Column("message_id", String(64), primary_key=True),
    Column("session_id", String(64), nullable=True, index=True),  # emptied by the retention purge
    Column("created_at", UtcDateTime, nullable=False, index=True),
    Column("intent", String(32), nullable=True),
    Column("programmes", JSON, nullable=False),
    Column("sources", JSON, nullable=False),  # cited document ids
    Column("confidence", Float, nullable=True),
    Column("answered_by", String(32), nullable=True),
)

feedback = Table(
    "feedback",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("message_id", String(64), nullable=False, index=True),
    Column("session_id", String(64), nullable=True, index=True),  # for deletion by session; emptied on purge
    Column("rating", String(8), nullable=False),
    Column("comment", Text, nullable=True),  # e-mail addresses and phone numbers masked; emptied on purge
    Column("sources", JSON, nullable=False),
    Column("programmes", JSON, nullable=False),
    Column("confidence", Float, nullable=True),
    Column("created_at", UtcDateTime, nullable=False, index=True),
)

handoffs = Table(
    "handoffs",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("reference", String(32), nullable=False),
    Column("session_id", String(64), nullable=True, index=True),
    Column("partner_id", String(100), nullable=False, index=True),
    Column("partner_name", String(300), nullable=False),
    Column("created_at", UtcDateTime, nullable=False, index=True),
    Column("consent_at", UtcDateTime, nullable=False),
    # Personal data: emptied by the retention purge (personal_data_deleted_at is set then).
    Column("name", String(200), nullable=True),
    Column("email", String(254), nullable=True),
    Column("company", String(200), nullable=True),
    Column("phone", String(40), nullable=True),
    Column("message", Text, nullable=True),
    Column("personal_data_deleted_at", UtcDateTime, nullable=True),
    UniqueConstraint("reference"),
)

# One row per hand-off: its delivery state machine (pending → delivered | failed).
handoff_deliveries = Table(
    "handoff_deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("handoff_id", String(32), ForeignKey("handoffs.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("state", String(16), nullable=False, index=True),
    Column("attempts", Integer, nullable=False),
    Column("channel", String(16), nullable=True),  # of the last attempt: email | webhook
    Column("target", String(500), nullable=True),  # the partner's address or URL (deployment data)
    Column("last_error", String(500), nullable=True),
    Column("next_attempt_at", UtcDateTime, nullable=True, index=True),
    Column("lease_until", UtcDateTime, nullable=True),  # a worker is attempting it; others keep off
    Column("delivered_at", UtcDateTime, nullable=True),
    Column("updated_at", UtcDateTime, nullable=False),
)
