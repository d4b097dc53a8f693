"""The app data tables (SQLAlchemy Core). Migrations in migrations/versions/ create exactly these.

Personal data lives only in the contact columns of `handoffs` (and in feedback comments, masked); the retention
purge empties them and keeps the non-personal facts (partner, dates, delivery state) for statistics.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

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

# Turns the assistant could not answer well (weak retrieval, declined, or rated down): the question with personal
# data masked and what it was about, for the report of corpus gaps. Rows are deleted after the retention period.
unanswered_questions = Table(
    "unanswered_questions",
    metadata,
    Column("message_id", String(64), primary_key=True),
    Column("session_id", String(64), nullable=True, index=True),  # for erasure by session
    Column("created_at", UtcDateTime, nullable=False, index=True),
    Column("question", Text, nullable=True),  # e-mail addresses, phone numbers, person names masked; None if unknown
    Column("intent", String(32), nullable=True),
    Column("topics", JSON, nullable=False),
    Column("sector", String(32), nullable=True),
    Column("gemeinde", String(100), nullable=True),
    Column("kreis", String(100), nullable=True),
    Column("confidence", Float, nullable=True),
    Column("weak", Boolean, nullable=False),  # retrieval found no passage relevant enough
    Column("declined", Boolean, nullable=False),  # the answer said it has no sure information
    Column("rated_down", Boolean, nullable=False),
)

# Anonymous counters per day (Europe/Berlin) for the statistics, e.g. ("topic", "energie") or ("kreis", "Kreis
# Lippe"). Counted when a turn is recorded, so they outlive the per-question rows.
daily_counts = Table(
    "daily_counts",
    metadata,
    Column("day", Date, primary_key=True),
    Column("metric", String(32), primary_key=True),
    Column("item", String(200), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("total", Float, nullable=False),  # sum of the measured values (answer latency in ms); 0 for counts
)

# Conversations shared by every API worker (NRWA_STATE_STORE=database, api/appdata/conversation_store.py): the
# dialogue slots and turn metadata, never the user's own words. Deleted once idle for NRWA_SESSION_TTL_SECONDS.
conversations = Table(
    "conversations",
    metadata,
    Column("session_id", String(64), primary_key=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_seen", UtcDateTime, nullable=False, index=True),
    Column("slots", JSON, nullable=False),
    Column("turns", JSON, nullable=False),
)

# Rate-limit hits per key and fixed window, shared by every API worker (api/appdata/rate_limit_counters.py). The key
# is a SHA-256 digest, so no client address is stored; rows are deleted after two windows.
rate_limit_counters = Table(
    "rate_limit_counters",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("window_index", Integer, primary_key=True),  # floor(unix time / window length)
    Column("hits", Integer, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False, index=True),
)
