"""Streamlit helpers shared by the policy pages (Doelstellingen, Actiegroepen, Signalen, editor).

Statuses are always shown as a coloured badge WITH an icon and words, never colour alone;
anything illustrative carries a "voorbeeld" badge.
"""

from __future__ import annotations

import logging
import math
import re
from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard.exports import frame
from dashboard.i18n import fmt_number
from dashboard.i18n import fmt_value
from dashboard.i18n import t
from dashboard.ui import connection_or_stop
from dashboard.ui import page_header
from policy.progress import ICON
from policy.progress import LIGHT
from policy.progress import Progress
from policy.store import PolicyStore
from policy.store import StoreDamaged
from policy.store import open_store

log = logging.getLogger(__name__)

_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")


def inert_markdown(text: str) -> str:
    """Text typed by a person, made safe to pass to st.markdown (and captions, badges, infos).

    Why: a Markdown image makes every viewer's browser fetch an outside URL (with the dashboard's
    address as Referer) just by opening the page. Images become plain text (`!\\[`), and raw HTML
    tags and autolinks are escaped (`\\<`) so none is ever parsed; links stay (they need a click)."""
    return _HTML_START.sub(r"\\<", text.replace("![", "!\\["))


def _inert(value):
    if isinstance(value, str):
        return inert_markdown(value)
    if isinstance(value, list):
        return [_inert(v) for v in value]
    if isinstance(value, dict):
        return {k: _inert(v) for k, v in value.items()}
    return value


class DisplayStore:
    """The policy store as the read-only pages see it: every text value made Markdown-inert
    (`inert_markdown`) where it leaves the store, so no page, badge or brief sentence can render a
    user's image or HTML, whichever Streamlit call shows it. The editor works on the real store."""

    def __init__(self, store: PolicyStore):
        self._store = store

    def __getattr__(self, name):  # path, revision, counts, checksum, ...: unchanged
        return getattr(self._store, name)

    def records(self, entity: str) -> list[dict]:
        return _inert(self._store.records(entity))

    def get(self, entity: str, id_: str) -> dict | None:
        return _inert(self._store.get(entity, id_))

    def meetings(self) -> list[dict]:
        return _inert(self._store.meetings())

    def audit_log(self, **kwargs) -> list[dict]:
        return _inert(self._store.audit_log(**kwargs))


def store_or_stop(lang: str, *, raw: bool = False) -> PolicyStore:
    """Open the policy store (created and seeded on first use), or explain why it cannot be opened.
    Pages that show records get a `DisplayStore`; the editor (`raw=True`) gets the store itself."""
    try:
        store = open_store()
        return store if raw else DisplayStore(store)
    except StoreDamaged:  # never re-seeded: say so plainly, without the server's path (docs/policy.md)
        st.error(t("policy.store_damaged", lang))
        st.stop()
    except Exception:  # a locked, unreadable or unreachable store must not crash a meeting
        # The driver's text (English, with hosts and paths) goes to the server log, not to the screen.
        log.exception("policy store cannot be opened")
        st.error(t("policy.store_unavailable", lang))
        st.stop()


def policy_page(key: str, lang: str):
    """The top of a page that reads both the warehouse and the policy store: title, lead, connections."""
    page_header(key, lang)
    return connection_or_stop(lang), store_or_stop(lang)


def loc(rec: dict, field: str, lang: str) -> str:
    """The record's text in the UI language, falling back to Dutch (the Policy Group's language)."""
    return rec.get(f"{field}_{lang}") or rec.get(f"{field}_nl") or ""


def status_badge(progress: Progress, lang: str) -> str:
    label = t(f"policy.status.{progress.status}", lang)
    return f":{LIGHT[progress.status]}-badge[{ICON[progress.status]} {label}]"


def example_badge(lang: str) -> str:
    return f":violet-badge[{t('policy.example', lang)}]"


def heading(text: str, rec: dict, lang: str) -> str:
    return f"{text} {example_badge(lang)}" if rec.get("is_example") else text


_ERRORS = [  # the store's messages (English, for the CLI and logs) in the UI language, naming the form's field
    (re.compile(r"^(?:.*: )?source is required for a record that is not an example.*$"), "source_required"),
    (re.compile(r"^(?:.*: )?(?P<field>\w+) is required$"), "required"),
    (re.compile(r"^(?:.*: )?(?P<field>\w+): must be a whole number, got (?P<got>.*)$"), "whole_number"),
    (re.compile(r"^(?:.*: )?(?P<field>\w+): must be a number, got (?P<got>.*)$"), "number"),
    (re.compile(r"^(?:.*: )?(?P<field>\w+): must be a date like .*, got (?P<got>.*)$"), "date"),
    (re.compile(r"^(?:.*: )?(?P<field>\w+): must be a period like .*, got (?P<got>.*)$"), "period"),
    (re.compile(r"^(?:.*: )?(?P<field>\w+): must be one of .*, got (?P<got>.*)$"), "choice"),
    (re.compile(r"^(?:.*: )?(?P<field>\w+) \((?P<got>[^)]*)\) is before (?P<other>\w+) \((?P<ref>[^)]*)\)$"), "order"),
]


def explain_error(message: str, lang: str) -> str:
    """A validation message in the UI language with the field named as the form names it."""
    for pattern, key in _ERRORS:
        m = pattern.match(message.strip())
        if m:
            parts = m.groupdict()
            for k in ("field", "other"):
                if parts.get(k):
                    parts[k] = t(f"policy.field.{parts[k]}", lang)
            return t(f"policy.editor.err.{key}", lang, **parts)
    return message


def recorded(text: str | None, lang: str) -> str | None:
    """A free-text field the partnership keeps in Dutch only (results, resources): in the English UI
    it is quoted as recorded and says so, rather than passing for English."""
    if not text or lang != "en":
        return text
    return f"{text} ({t('policy.recorded_in_dutch', lang)})"


def num(value, unit: str, lang: str) -> str:
    """A human-entered value as written: 7.88 % stays 7,88 % (fmt_value would round it to 7,9 %)."""
    if unit == "%" and value is not None and abs(round(value, 1) - value) > 1e-9:
        s = fmt_number(value, lang, 2)
        return f"{s} %" if lang == "nl" else f"{s}%"
    return fmt_value(value, unit, lang)


def _signed(x: float, text: str) -> str:
    nonzero = text.strip("0,.") != ""
    return ("−" if x < 0 and nonzero else "+" if x > 0 and nonzero else "") + text


def pct(x: float | None, lang: str) -> str:
    """A growth rate (0.023) as a signed percentage per year."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    s = _signed(x, fmt_number(abs(x) * 100, lang, 1))
    return f"{s} %" if lang == "nl" else f"{s}%"


def ratio_text(x: float | None, lang: str) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    s = fmt_number(abs(x), lang, 2)
    return f"−{s}" if x < 0 and s.strip("0,.") else s


def progress_sentence(p: Progress, unit: str, lang: str) -> str:
    """The numbers behind a status, in one readable line."""
    parts = []
    if p.baseline_value is not None:
        parts.append(t("policy.num.baseline", lang, value=num(p.baseline_value, unit, lang),
                       period=p.baseline_period or "?"))
    if p.latest_value is not None:
        parts.append(t("policy.num.latest", lang, value=num(p.latest_value, unit, lang), period=p.latest_period))
    if p.target_value is not None:
        year = p.target_year if p.target_year is not None else t("policy.num.no_year", lang)
        parts.append(t("policy.num.target", lang, value=num(p.target_value, unit, lang), year=year))
    if p.observed_cagr is not None:
        parts.append(t("policy.num.growth", lang, observed=pct(p.observed_cagr, lang),
                       required=pct(p.required_cagr, lang)))
    if p.ratio is not None:
        parts.append(t("policy.num.ratio", lang, ratio=ratio_text(p.ratio, lang)))
    return " · ".join(parts)


def progress_row(link: dict, p: Progress, unit: str | None, lang: str) -> dict:
    """One row for CSV downloads: the status and every number behind it."""
    return {
        "objective_id": link["objective_id"], "link_id": link["id"], "indicator_id": link["indicator_id"],
        "geo_code": link["geo_code"], "breakdown": link["breakdown"], "breakdown_value": link["breakdown_value"],
        "direction": link["direction"], "status": p.status, "status_label": t(f"policy.status.{p.status}", lang),
        "reason": p.reason, "baseline_value": p.baseline_value, "baseline_period": p.baseline_period,
        "latest_value": p.latest_value, "latest_period": p.latest_period, "target_value": p.target_value,
        "target_year": p.target_year, "observed_cagr": p.observed_cagr, "required_cagr": p.required_cagr,
        "ratio": p.ratio, "unit": unit, "is_example": bool(link.get("is_example")),
    }


def series_label(link: dict, names: dict, labels: dict, lang: str) -> str:
    """'Werkzoekendengraad (jaargemiddelde) · Gent · 18-24 jaar'."""
    name = names.get(link["indicator_id"]) or link["indicator_id"]
    geo = labels["geo"].get(link["geo_code"], link["geo_code"])
    parts = [name, geo]
    if link["breakdown"] != "total":
        parts.append(labels["breakdown"].get(f"{link['breakdown']}/{link['breakdown_value']}", link["breakdown_value"]))
    return " · ".join(parts)


def render_status_legend(lang: str) -> None:
    from policy.progress import ACCELERATION_MIN
    from policy.progress import ON_TRACK_MIN

    with st.expander(t("policy.method.title", lang)):
        st.markdown(t("policy.method.body", lang, on=fmt_number(ON_TRACK_MIN * 100, lang),
                      acc=fmt_number(ACCELERATION_MIN * 100, lang)))


def link_to(view: str, url_path: str, label: str, icon: str, params: dict) -> None:
    """A link to another page with query params; a plain URL when the page runs outside the navigation
    (a view run on its own, as benchmarks and some tests do, has no pages to link to)."""
    try:
        st.page_link(view, label=label, icon=icon, query_params=params)
    except StreamlitAPIException:
        st.markdown(f"[{label}](./{url_path}?{urlencode(params, doseq=True)})")


def evidence_link(link, lang: str) -> None:
    """The meeting brief's "see the evidence" link under an item: its page, filtered as in the brief."""
    link_to(link.view, link.url_path, t("meeting.open_evidence", lang), ":material/open_in_new:",
            link.query(lang))


def writer(lang: str, action: str = "edit", *, key: str = "writer_name") -> str | None:
    """The name that goes into the audit trail when this session may do `action` (policy.access), else None
    (the page then shows no form). Signed in: the verified id; local mode: a name field (GSIW_EDITOR fills
    it). The store checks the role again on every write, whatever the page shows."""
    from policy.access import WRITE_ROLES
    from policy.access import can
    from policy.access import current_user
    from policy.access import local_roles
    from policy.access import session_identity

    ident = session_identity()
    if ident:
        return ident[0] if can(ident[0], action) else None
    if WRITE_ROLES[action] not in local_roles():
        return None
    if key not in st.session_state:
        st.session_state[key] = current_user()
    return st.text_input(t("policy.editor.name", lang), key=key).strip()


def may(action: str) -> bool:
    """Whether this session holds the role `action` needs (signed in, or the local mode): to decide whether
    to show a form at all. The store decides for real on every write."""
    from policy.access import WRITE_ROLES
    from policy.access import can
    from policy.access import local_roles
    from policy.access import session_identity

    ident = session_identity()
    return can(ident[0], action) if ident else WRITE_ROLES[action] in local_roles()


def owner_text(rec: dict, partners: dict[str, str], lang: str, *, ref: str = "owner_partner_id",
               free: str = "owner_org") -> str:
    """A partner named by reference where one is set, else the free text recorded before partners existed."""
    return partners.get(rec.get(ref) or "") or rec.get(free) or "–"


def project_table(items: list[dict], lang: str, partners: dict[str, str] | None = None):
    """Projects as the action-group pages show them: one row each, headers and statuses in the UI language."""
    return frame([
        {
            t("policy.col.project", lang): p["name"] + (f" ({t('policy.example', lang)})" if p["is_example"] else ""),
            t("policy.col.owner", lang): owner_text(p, partners or {}, lang),
            t("policy.col.status", lang): t(f"policy.project_status.{p['status']}", lang),
            t("policy.col.start", lang): p["start_date"] or "–",
            t("policy.col.end", lang): p["end_date"] or "–",
            t("policy.col.results", lang): recorded(p["results"], lang) or loc(p, "description", lang) or "–",
            t("policy.col.source", lang): p["source"] or "–",
        }
        for p in items
    ])
