"""When each publisher releases new figures, and whether the warehouse is behind them.

Why: a member reading a number must know whether it is the latest there is. Each source declares its
publisher's release rhythm (`Source.release_rhythm`); the build copies the rhythms into the warehouse
(`release_rhythms`) and records every live fetch beside it (`fetches.json`, written even when a build
fails, so a failed refresh is visible while the previous warehouse stays in use). `pipelines list`,
the Bronnen page and the meeting brief all ask `assess` the same question.
"""

from __future__ import annotations

import calendar
import json
import os
from dataclasses import dataclass
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta
from pathlib import Path

# monthly/quarterly/yearly: a new period at that pace; irregular: new figures without a schedule
# (hand-read pages, the Urban Audit); closed: nothing new will come (the 2011 census).
FREQUENCIES = ("monthly", "quarterly", "yearly", "irregular", "closed")
_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}
_DEFAULT_GRACE = {"monthly": 14, "quarterly": 30, "yearly": 60}

# What a source's freshness can be; the dashboard has one text per state (locales: freshness.*).
STATES = ("current", "overdue", "no_schedule", "closed", "not_loaded")


@dataclass(frozen=True)
class ReleaseRhythm:
    """The publisher's release pace. `lag_days`: typical days from a period's reference date (as loaded:
    the last day of an averaged period, the date of a stock) to the release of its figures.
    `grace_days`: how late a release may be before the source is flagged overdue."""

    frequency: str
    lag_days: int = 0
    grace_days: int | None = None

    def __post_init__(self):
        if self.frequency not in FREQUENCIES:
            raise ValueError(f"release frequency {self.frequency!r} not in {FREQUENCIES}")
        if self.lag_days < 0 or (self.grace_days is not None and self.grace_days < 0):
            raise ValueError("lag_days and grace_days cannot be negative")

    @property
    def scheduled(self) -> bool:
        return self.frequency in _MONTHS

    @property
    def grace(self) -> int:
        return (
            self.grace_days
            if self.grace_days is not None
            else _DEFAULT_GRACE.get(self.frequency, 0)
        )


def _add_months(d: date, months: int) -> date:
    """Same position in the month `months` later; a month-end stays a month-end (31 Mar + 3 = 30 Jun)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    last = calendar.monthrange(year, month)[1]
    month_end = d.day == calendar.monthrange(d.year, d.month)[1]
    return date(year, month, last if month_end else min(d.day, last))


def expected_next_release(rhythm: ReleaseRhythm, latest_ref: date | None) -> date | None:
    """The day the period after `latest_ref` is expected to be published (None: no schedule or nothing loaded)."""
    if not rhythm.scheduled or latest_ref is None:
        return None
    return _add_months(latest_ref, _MONTHS[rhythm.frequency]) + timedelta(days=rhythm.lag_days)


@dataclass(frozen=True)
class Freshness:
    source: str
    state: str  # one of STATES
    latest_period: str | None
    latest_ref: date | None
    expected_next: date | None
    fetch_failed: bool  # the last live fetch of this source failed
    fetch_at: str | None  # when that last live fetch ran (ISO, UTC)
    fetch_error: str | None
    frequency: str = ""  # the rhythm's, for display

    @property
    def needs_attention(self) -> bool:
        return self.state in ("overdue", "not_loaded") or self.fetch_failed


def assess(
    source: str,
    rhythm: ReleaseRhythm,
    latest_period: str | None,
    latest_ref: date | None,
    today: date,
    fetch: dict | None = None,
) -> Freshness:
    """Freshness of one source on `today`: overdue once the next period's expected release plus the grace
    has passed without it being loaded (whether the publisher is late or our refresh did not run)."""
    expected = expected_next_release(rhythm, latest_ref)
    if rhythm.frequency == "closed":
        state = "closed"
    elif not rhythm.scheduled:
        state = "no_schedule"
    elif latest_ref is None:
        state = "not_loaded"
    elif today > expected + timedelta(days=rhythm.grace):
        state = "overdue"
    else:
        state = "current"
    fetch = fetch or {}
    return Freshness(
        source, state, latest_period, latest_ref, expected,
        fetch_failed=fetch.get("ok") is False, fetch_at=fetch.get("at"), fetch_error=fetch.get("error"),
        frequency=rhythm.frequency,
    )  # fmt: skip


# --- reading the warehouse (one query, shared by the CLI, the sources page and the brief) ----------

# From the summary the build fills (pipelines/sql/summaries/source_coverage.sql); a warehouse built
# before it had these columns is read the slow way.
LATEST_SQL = """
    SELECT source_id, latest_period, latest_ref FROM source_coverage WHERE latest_ref IS NOT NULL
"""
LATEST_SCAN_SQL = """
    SELECT source_id, arg_max(period, ref_date) AS latest_period, max(ref_date) AS latest_ref
    FROM observations WHERE value IS NOT NULL GROUP BY source_id
"""
RHYTHMS_SQL = "SELECT source_id, frequency, lag_days, grace_days FROM release_rhythms"


def latest_loaded(con) -> dict[str, tuple[str, date]]:
    """source -> (latest period with a value, its reference date)."""
    try:
        rows = con.execute(LATEST_SQL).fetchall()
    except Exception:  # duckdb.BinderException/CatalogException: an older warehouse
        rows = con.execute(LATEST_SCAN_SQL).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def from_warehouse(con, warehouse: Path, today: date) -> dict[str, Freshness]:
    """Freshness of every source the warehouse has a rhythm for ({} for a warehouse built before rhythms existed)."""
    try:
        rhythms = con.execute(RHYTHMS_SQL).fetchall()
    except Exception:  # duckdb.CatalogException: an older warehouse
        return {}
    latest = latest_loaded(con)
    fetches = read_fetches(warehouse)
    out = {}
    for source, frequency, lag, grace in rhythms:
        period, ref = latest.get(source, (None, None))
        out[source] = assess(
            source, ReleaseRhythm(frequency, lag, grace), period, ref, today, fetches.get(source)
        )
    return out


# --- the live-fetch record beside the warehouse ---------------------------------------------------


def fetch_log_path(warehouse: Path) -> Path:
    return Path(warehouse).with_name("fetches.json")


def read_fetches(warehouse: Path) -> dict[str, dict]:
    """source -> {"at", "ok", "error", "snapshot"} of its last live fetch; {} when none ran or the file is unreadable."""
    try:
        data = json.loads(fetch_log_path(warehouse).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def record_fetch(
    warehouse: Path, source: str, ok: bool, error: str | None = None, snapshot: str | None = None
) -> None:
    """Write one source's live-fetch outcome atomically (the build holds the warehouse lock meanwhile)."""
    data = read_fetches(warehouse)
    data[source] = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "ok": ok,
        "error": error,
        "snapshot": snapshot,
    }
    path = fetch_log_path(warehouse)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)  # the record is advisory; never fail a build over it
