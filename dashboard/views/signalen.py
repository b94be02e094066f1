"""Signalen: a ranked agenda of gaps for the Policy Group, each finding with its evidence and a link.

Beside the data signals: field signals, observations from practice that partners submit (any signed-in
member may submit; an editor reviews them; accepted ones are shown here with their origin and can be put on
the next meeting's agenda). The store checks every write's role (policy.access.write_action).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.exports import download_buttons
from dashboard.exports import frame
from dashboard.i18n import evidence_period_label
from dashboard.i18n import fmt_change
from dashboard.i18n import fmt_number
from dashboard.i18n import fmt_value
from dashboard.i18n import t
from dashboard.panel import metadata
from dashboard.policy_ui import example_badge
from dashboard.policy_ui import explain_error
from dashboard.policy_ui import link_to
from dashboard.policy_ui import loc
from dashboard.policy_ui import may
from dashboard.policy_ui import num
from dashboard.policy_ui import policy_page
from dashboard.policy_ui import ratio_text
from dashboard.policy_ui import store_or_stop
from dashboard.policy_ui import writer
from dashboard.queries import signalen as Q
from dashboard.ui import lang
from policy import cycle as C
from policy import signals as S
from policy.access import EditingNotAllowed
from policy.store import StoreError
from policy.store import ValidationError
from policy.store import previous_and_next

L = lang()
con, store = policy_page("policy.signals", L)
catalogue_df = Q.indicator_catalogue(con, L)
found, _results = S.compute(con, store, L, catalogue=catalogue_df)
catalogue = catalogue_df.set_index("indicator_id")
kinds = catalogue["period_kind"].to_dict()
labels = Q.labels(con, L)
sources = Q.source_titles(con, L)
objectives = {o["id"]: o for o in store.records("objectives")}

with st.expander(t("policy.signals.rules_title", L)):
    st.markdown(t("policy.signals.rules_body", L,
                  overrep=fmt_number(S.OVERREPRESENTATION_MIN_RATIO, L, 2),
                  move=fmt_number(S.MOVING_AGAINST_MIN_CHANGE * 100, L, 0),
                  vac=fmt_number(S.VACANCIES_PER_JOBSEEKER_MIN, L, 1), top=S.TOP_SECTORS))

include_examples = st.toggle(t("policy.signals.include_examples", L),
                             value=st.query_params.get("examples", "0") == "1", key="examples")
st.query_params["examples"] = "1" if include_examples else "0"
shown = [s for s in found if include_examples or not s.is_example]
hidden = len(found) - len(shown)
if hidden:
    st.caption(t("policy.signals.hidden_examples", L, n=hidden))


def fmt(sig: S.Signal, key: str, value) -> str:
    if key.endswith("_period") and isinstance(value, str):  # labelled by the indicator's period kind
        return evidence_period_label(value, sig.evidence, kinds, L)
    if isinstance(value, dict):
        return value.get(L) or value.get("nl") or ""
    if key in sig.units:
        unit = sig.units[key]
        if key in ("baseline", "target", "latest"):
            return num(value, unit, L)
        if unit == "ratio":
            return ratio_text(value, L)
        if key == "change":
            return fmt_change(value, unit, L)
        return fmt_value(value, unit, L)
    return "" if value is None else str(value)


def text(sig: S.Signal) -> str:
    p = {k: fmt(sig, k, v) for k, v in sig.params.items() if k not in ("objectives", "sectors", "group")}
    if "objectives" in sig.params:
        p["objectives"] = "; ".join(
            (o.get(L) or o.get("nl") or "") + (f" ({t('policy.signals.context_note', L)})" if o.get("context") else "")
            for o in sig.params["objectives"] if include_examples or not o.get("example"))
    if "group" in sig.params:
        p["group"] = labels["breakdown"].get(sig.params["group"], sig.params["group"].split("/")[-1])
        p["comparison"] = t(f"policy.signals.comparison.{sig.params['comparison']}", L)
    if "sectors" in sig.params:
        p["sectors"] = ", ".join(f"{lab} ({fmt_value(v, 'vacancies', L)})" for lab, v in sig.params["sectors"])
    return t(f"policy.signal.{sig.message}", L, **p)


def evidence(sig: S.Signal) -> pd.DataFrame:
    rows = []
    for e in sig.evidence:
        meta = catalogue.loc[e["indicator_id"]] if e["indicator_id"] in catalogue.index else None
        bd = "" if e["breakdown"] == "total" else labels["breakdown"].get(f"{e['breakdown']}/{e['breakdown_value']}",
                                                                           e["breakdown_value"])
        rows.append({
            t("policy.col.indicator", L): meta["name"] if meta is not None else e["indicator_id"],
            t("col.geo_name", L): labels["geo"].get(e["geo_code"], e["geo_code"]),
            t("col.breakdown_label", L): bd or t("breakdown.total", L),
            t("col.period", L): e["period"] or "–",
            t("col.value", L): fmt_value(e["value"], e["unit"], L) if e["value"] is not None else "–",
            t("policy.col.source", L): t("policy.source_store", L) if e["source_id"] == "policy_store"
            else sources.get(e["source_id"], e["source_id"]),
        })
    return frame(rows)


if not shown:
    st.success(t("policy.signals.none", L))
export = []
for rank, sig in enumerate(shown, start=1):
    with st.container(border=True):
        badge = f":blue-badge[{t(f'policy.rule.{sig.rule}', L)}]"
        st.markdown(f"**{rank}.** {badge}" + (f" {example_badge(L)}" if sig.is_example else ""))
        body = text(sig)
        st.markdown(body)
        st.dataframe(evidence(sig), hide_index=True, width="stretch", key=f"ev_{rank}")
        c1, c2 = st.columns(2)
        if sig.link:
            with c1:
                link_to("views/indicators.py", "indicatoren", t("policy.signals.open_analysis", L),
                        ":material/query_stats:", {**sig.link, "lang": L})
        if sig.objective_id and sig.objective_id in objectives:
            with c2:
                link_to("views/doelstellingen.py", "doelstellingen", t("policy.to_objectives", L), ":material/flag:",
                        {"plan": objectives[sig.objective_id]["plan_id"], "lang": L})
    export.append({
        t("policy.signals.col_rank", L): rank,
        t("policy.signals.col_kind", L): t(f"policy.rule.{sig.rule}", L),
        t("policy.signals.col_finding", L): body.replace("**", ""),
        t("policy.signals.col_example", L): t("policy.signals.example_yes", L) if sig.is_example else "",
        t("policy.signals.col_evidence", L): "; ".join(
            " · ".join(str(v) for v in row) for row in evidence(sig).itertuples(index=False)),
    })

# --------------------------------------------------------------------------- field signals
st.header(t("cycle.field.title", L), divider="gray")
st.caption(t("cycle.field.lead", L))
today = date.today()
partner_names = Q.partner_names(store)
editor = writer(L, "edit", key="signals_editor")
_prev, upcoming = previous_and_next(store.meetings(), today)
indicator_names = catalogue["name"].to_dict()  # the catalogue read above: no extra query
raw_store = store_or_stop(L, raw=True)  # writes keep the text as typed (the page shows it Markdown-inert)


def field_refused(exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        st.error("\n".join(f"- {explain_error(e, L)}" for e in exc.errors))
    elif isinstance(exc, EditingNotAllowed):
        st.error(t("policy.editor.need_name" if exc.reason == "no_name" else "policy.editor.role_refused", L))
    else:
        st.error(t("policy.editor.refused", L, error=str(exc)))


def about(f: dict) -> str:
    parts = [indicator_names.get(f["indicator_id"], "") if f.get("indicator_id") else "",
             f.get("target_group") or "", f.get("sector") or ""]
    return " · ".join(p for p in parts if p)


accepted = [f for f in Q.accepted_field_signals(store) if include_examples or not f["is_example"]]
if not accepted:
    st.caption(t("cycle.field.none", L))
for f in accepted:
    with st.container(border=True):
        origin = partner_names.get(f.get("partner_id") or "", t("cycle.field.no_partner", L))
        st.markdown(f":green-badge[{t('cycle.field.badge', L)}] **{loc(f, 'title', L)}**"
                    + (f" {example_badge(L)}" if f["is_example"] else ""))
        st.caption(t("cycle.field.origin", L, partner=origin, date=f["submitted_on"])
                   + (f" · {about(f)}" if about(f) else ""))
        if loc(f, "description", L):
            st.markdown(loc(f, "description", L))
        if loc(f, "review_note", L):
            st.markdown(f"*{t('cycle.field.review_note', L)}*: {loc(f, 'review_note', L)}")
        if f.get("agenda_item_id"):
            st.caption(t("cycle.field.on_agenda", L))
        elif editor and upcoming and st.button(t("cycle.field.promote", L, date=upcoming["meeting_date"]),
                                               key=f"promote_{f['id']}"):
            try:
                C.promote_field_signal(raw_store, f["id"],
                                       upcoming["id"], user=editor)
                st.success(t("cycle.field.promoted", L))
            except (StoreError, EditingNotAllowed, ValueError) as exc:
                field_refused(exc)

if editor or may("submit_field_signal"):
    with st.expander(t("cycle.field.submit_title", L)):
        st.caption(t("cycle.field.submit_lead", L))
        submitter = editor or writer(L, "submit_field_signal", key="signals_submitter")
        with st.form("field_signal", clear_on_submit=True):
            title = st.text_input(t("cycle.field.f.title", L) + " *", key="fs_title")
            description = st.text_area(t("cycle.field.f.description", L), key="fs_description")
            pids = [None, *partner_names]
            partner = st.selectbox(t("cycle.field.f.partner", L), pids, key="fs_partner",
                                   format_func=lambda i: "–" if i is None else partner_names[i])
            inds = [None, *sorted(indicator_names, key=indicator_names.get)]
            indicator = st.selectbox(t("cycle.field.f.indicator", L), inds, key="fs_indicator",
                                     format_func=lambda i: "–" if i is None else indicator_names[i])
            c1, c2 = st.columns(2)
            group = c1.text_input(t("cycle.field.f.target_group", L), key="fs_group")
            sector = c2.text_input(t("cycle.field.f.sector", L), key="fs_sector")
            if st.form_submit_button(t("cycle.field.f.submit", L), type="primary"):
                try:
                    C.submit_field_signal(raw_store, {
                        "title_nl": title, "title_en": title if L == "en" else None,
                        "description_nl": description, "partner_id": partner, "indicator_id": indicator,
                        "target_group": group, "sector": sector}, user=submitter or "", today=today)
                    st.success(t("cycle.field.submitted", L))
                except (StoreError, EditingNotAllowed) as exc:
                    field_refused(exc)

if editor:
    pending = Q.pending_field_signals(store)
    st.subheader(t("cycle.field.review_title", L, n=len(pending)))
    for f in pending:
        with st.container(border=True):
            st.markdown(f"**{loc(f, 'title', L)}**" + (f" {example_badge(L)}" if f["is_example"] else ""))
            st.caption(t("cycle.field.origin", L, partner=partner_names.get(f.get("partner_id") or "",
                                                                              t("cycle.field.no_partner", L)),
                         date=f["submitted_on"]) + f" · {f['updated_by']}")
            if loc(f, "description", L):
                st.markdown(loc(f, "description", L))
            with st.form(f"review_{f['id']}"):
                note = st.text_area(t("cycle.field.review_note", L), key=f"note_{f['id']}")
                c1, c2 = st.columns(2)
                ok = c1.form_submit_button(t("cycle.field.accept", L), type="primary")
                no = c2.form_submit_button(t("cycle.field.reject", L))
            if ok or no:
                try:
                    C.review_field_signal(raw_store, f["id"], accept=ok,
                                          note_nl=note or None, expected_version=f["version"], user=editor,
                                          today=today)
                    st.success(t("cycle.field.reviewed", L))
                except (StoreError, EditingNotAllowed) as exc:
                    field_refused(exc)

# Context, never a signal: VDAB's list covers Flanders, and occupations are not the sectors of the vacancy figures.
context = Q.bottleneck_context(con, L)
if context:
    st.subheader(t("bottleneck.signal_heading", L))
    st.markdown(t("bottleneck.signal_body", L, **context))

st.subheader(t("policy.signals.limits_title", L))
st.markdown(t("policy.signals.limits_body", L))
if export:
    cited = [e for sig in shown for e in sig.evidence]
    periods = sorted({str(e["period"]) for e in cited if e["period"]})
    download_buttons(
        frame(export), "signalen",
        metadata(t("policy.signals.title", L), Q.evidence_metas(con, [e["indicator_id"] for e in cited], L),
                 f"{periods[0]}–{periods[-1]}" if len(periods) > 1 else (periods[0] if periods else "–"), [], L),
        L, key="dl_signals")
