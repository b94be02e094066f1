"""Agenda en besluiten: per Policy Group meeting its agenda, decisions and action items (issue 18).

The agenda is prefilled with suggestions (open action items, late or due action-group reports, accepted
field signals, new data signals and changed statuses since the previous meeting); an editor confirms each
one. During the meeting an editor records decisions with their action items (owner partner, due date);
the next meeting brief opens with the action items still open. Every write is checked by the store.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.brief import page as P
from dashboard.brief import render as R
from dashboard.exports import frame
from dashboard.i18n import t
from dashboard.policy_ui import example_badge
from dashboard.policy_ui import explain_error
from dashboard.policy_ui import loc
from dashboard.policy_ui import store_or_stop
from dashboard.policy_ui import writer
from dashboard.queries import agenda as Q
from dashboard.ui import connection_or_stop
from dashboard.ui import download_csv
from dashboard.ui import lang
from dashboard.ui import page_header
from policy.access import EditingNotAllowed
from policy.cycle import add_decision
from policy.cycle import set_action_status
from policy.store import ACTION_STATUSES
from policy.store import StoreError
from policy.store import ValidationError
from policy.store import previous_and_next

L = lang()
page_header("agenda", L)

store = store_or_stop(L)
raw = store_or_stop(L, raw=True)  # writes keep the text as typed
today = date.today()
meetings = store.meetings()
if not meetings:
    st.info(t("meeting.no_meetings", L))
    st.stop()
by_id = {m["id"]: m for m in meetings}
prev, upcoming = previous_and_next(meetings, today)
wanted = st.query_params.get("meeting")
default = wanted if wanted in by_id else (upcoming or prev)["id"]
ids = [m["id"] for m in meetings]
meeting_id = st.selectbox(
    t("agenda.choose", L),
    ids,
    index=ids.index(default),
    key="agenda_meeting",
    format_func=lambda i: P.meeting_label(by_id[i], L),
)
st.query_params["meeting"] = meeting_id
meeting = by_id[meeting_id]
partners = Q.partner_names(store)
editor = writer(L)


def refused(exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        st.error("\n".join(f"- {explain_error(e, L)}" for e in exc.errors))
    elif isinstance(exc, EditingNotAllowed):
        st.error(
            t(
                "policy.editor.need_name"
                if exc.reason == "no_name"
                else "policy.editor.role_refused",
                L,
            )
        )
    else:
        st.error(t("policy.editor.refused", L, error=str(exc)))


def status_text(a: dict) -> str:
    text = t(f"cycle.action_status.{a['status']}", L)
    return f"{text} · {t('cycle.actions.overdue', L)}" if a.get("overdue") else text


# --------------------------------------------------------------------------- open action items (all meetings)
st.header(t("agenda.open_actions", L), divider="gray")
items = Q.open_action_items(store, today)
if items:
    table = frame(
        [
            {
                t("agenda.col.action", L): loc(a, "title", L)
                + (f" ({t('policy.example', L)})" if a["is_example"] else ""),
                t("agenda.col.owner", L): partners.get(a.get("owner_partner_id") or "", "–"),
                t("agenda.col.due", L): a.get("due_date") or "–",
                t("agenda.col.status", L): status_text(a),
                t("agenda.col.meeting", L): by_id[a["meeting_id"]]["meeting_date"]
                if a["meeting_id"] in by_id
                else "–",
            }
            for a in items
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch", key="open_actions")
    download_csv(table, "actiepunten", L, key="dl_actions")
    if editor:
        with st.form("action_status"):
            pick = st.selectbox(
                t("agenda.f.action", L),
                [a["id"] for a in items],
                key="status_item",
                format_func=lambda i: next(loc(a, "title", L) for a in items if a["id"] == i),
            )
            new = st.selectbox(
                t("agenda.f.status", L),
                list(ACTION_STATUSES),
                key="status_new",
                format_func=lambda s: t(f"cycle.action_status.{s}", L),
            )
            if st.form_submit_button(t("agenda.f.save_status", L)):
                try:
                    rec = next(a for a in items if a["id"] == pick)
                    set_action_status(
                        raw, pick, new, expected_version=rec["version"], user=editor, today=today
                    )
                    st.success(t("agenda.saved", L))
                except (StoreError, EditingNotAllowed) as exc:
                    refused(exc)
else:
    st.caption(t("agenda.no_open_actions", L))

# --------------------------------------------------------------------------- the agenda
record = Q.meeting_record(store, meeting_id)
st.header(t("agenda.agenda_of", L, date=P.meeting_label(meeting, L)), divider="gray")
if record["agenda"]:
    for a in record["agenda"]:
        st.markdown(
            f"{a['position']}. **{loc(a, 'title', L)}** :gray-badge[{t('cycle.agenda_kind.' + (a['kind'] or 'other'), L)}]"
            + (f" {example_badge(L)}" if a["is_example"] else "")
            + (f"  \n   {loc(a, 'note', L)}" if loc(a, "note", L) else "")
        )
else:
    st.caption(t("agenda.empty", L))


def suggestion_title(s, lang_: str) -> str:
    p = s.params
    if s.kind == "action_items":
        return t("agenda.sugg.action_items", lang_, n=p["n"], overdue=p["overdue"])
    if s.kind in ("late_report", "report"):
        return t(
            f"agenda.sugg.{s.kind}",
            lang_,
            group=p["name_nl"] if lang_ == "nl" else p["name_en"],
            date=p["due"],
        )
    if s.kind == "field_signal":
        return t(
            "agenda.sugg.field_signal",
            lang_,
            title=p["title_nl"] if lang_ == "nl" else p["title_en"],
            partner=p["partner"] or "–",
        )
    return p["text_nl"] if lang_ == "nl" else p["text_en"]


if editor and meeting["meeting_date"] >= today.isoformat():
    with st.expander(t("agenda.suggest_title", L), expanded=not record["agenda"]):
        st.caption(t("agenda.suggest_lead", L))
        since_m = previous_and_next(meetings, date.fromisoformat(meeting["meeting_date"]))[0]
        since = date.fromisoformat(since_m["meeting_date"]) if since_m else today
        found: dict[str, list[dict]] = {"signals": [], "status": []}
        if since <= today:
            brief = P.compute(connection_or_stop(L), store, since)
            both = {lg: {s.key: s.items for s in R.sections(brief, lg)} for lg in ("nl", "en")}
            for key in found:
                for nl, en in zip(both["nl"][key], both["en"][key], strict=True):
                    text_nl, text_en = nl.text.replace("**", ""), en.text.replace("**", "")
                    found[key].append(
                        {
                            "id": R.item_key(nl.text),
                            "text_nl": text_nl,
                            "text_en": text_en,
                            "is_example": nl.is_example,
                        }
                    )
        suggestions = Q.suggest_agenda(
            raw, meeting_id, today, data_signals=found["signals"], status_changes=found["status"]
        )
        if not suggestions:
            st.caption(t("agenda.no_suggestions", L))
        else:
            with st.form("confirm_agenda"):
                ticks = [
                    st.checkbox(
                        f"{t('cycle.agenda_kind.' + s.kind, L)}: {suggestion_title(s, L)}"
                        + (f" ({t('policy.example', L)})" if s.is_example else ""),
                        value=s.kind != "data_signal",
                        key=f"sugg_{i}",
                    )
                    for i, s in enumerate(suggestions)
                ]
                if st.form_submit_button(t("agenda.confirm", L), type="primary"):
                    chosen = [
                        (s, suggestion_title(s, "nl"), suggestion_title(s, "en"))
                        for s, tick in zip(suggestions, ticks, strict=True)
                        if tick
                    ]
                    try:
                        Q.confirm_agenda(raw, meeting_id, chosen, user=editor)
                        st.success(t("agenda.confirmed", L, n=len(chosen)))
                    except (StoreError, EditingNotAllowed) as exc:
                        refused(exc)

# --------------------------------------------------------------------------- decisions and action items
st.header(t("agenda.decisions", L), divider="gray")
actions_by_decision: dict[str, list[dict]] = {}
for a in record["action_items"]:
    actions_by_decision.setdefault(a.get("decision_id") or "", []).append(a)
if record["decisions"]:
    for d in record["decisions"]:
        st.markdown(
            f"- **{loc(d, 'text', L)}**" + (f" {example_badge(L)}" if d["is_example"] else "")
        )
        for a in actions_by_decision.get(d["id"], []):
            st.markdown(
                f"   - {loc(a, 'title', L)} · {partners.get(a.get('owner_partner_id') or '', '–')} · "
                f"{t('agenda.due', L, date=a.get('due_date') or '–')} · "
                f"{t('cycle.action_status.' + a['status'], L)}"
            )
else:
    st.caption(t("agenda.no_decisions", L))
loose = actions_by_decision.get("", [])
for a in loose:
    st.markdown(
        f"- {loc(a, 'title', L)} · {partners.get(a.get('owner_partner_id') or '', '–')} · "
        f"{t('cycle.action_status.' + a['status'], L)}"
    )

if editor:
    with (
        st.expander(t("agenda.add_decision", L), expanded=False),
        st.form("decision", clear_on_submit=True),
    ):
        text = st.text_area(t("agenda.f.decision", L) + " *", key="dec_text")
        agenda_ids = [None, *[a["id"] for a in record["agenda"]]]
        titles = {a["id"]: f"{a['position']}. {loc(a, 'title', L)}" for a in record["agenda"]}
        item = st.selectbox(
            t("agenda.f.agenda_item", L),
            agenda_ids,
            key="dec_item",
            format_func=lambda i: "–" if i is None else titles[i],
        )
        st.markdown(f"**{t('agenda.f.action_heading', L)}**")
        act = st.text_input(t("agenda.f.action_title", L), key="dec_action")
        c1, c2 = st.columns(2)
        owner = c1.selectbox(
            t("agenda.f.owner", L),
            [None, *partners],
            key="dec_owner",
            format_func=lambda i: "–" if i is None else partners[i],
        )
        due = c2.date_input(t("agenda.f.due", L), value=None, key="dec_due", format="DD/MM/YYYY")
        example = st.checkbox(
            t("cycle.f.is_example", L), value=bool(meeting["is_example"]), key="dec_example"
        )
        if st.form_submit_button(t("agenda.f.save_decision", L), type="primary"):
            actions = (
                [
                    {
                        "title_nl": act,
                        "title_en": act if L == "en" else None,
                        "owner_partner_id": owner,
                        "due_date": due.isoformat() if due else None,
                    }
                ]
                if act.strip()
                else []
            )
            try:
                add_decision(
                    raw,
                    meeting_id,
                    text_nl=text,
                    text_en=text if L == "en" else None,
                    agenda_item_id=item,
                    actions=actions,
                    user=editor,
                    is_example=example,
                )
                st.success(t("agenda.decision_saved", L, n=len(actions)))
            except (StoreError, EditingNotAllowed) as exc:
                refused(exc)
