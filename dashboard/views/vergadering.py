"""Sinds de vorige vergadering: the Policy Group's pre-read, every item linked to its evidence.

The brief itself is computed in dashboard/brief (model, render); this page shows it, offers each
table as CSV and Excel, and the whole brief as a PDF meeting pack and an Excel workbook.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.brief import curves
from dashboard.brief import page as P
from dashboard.brief import render as R
from dashboard.brief import results
from dashboard.exports import download_buttons
from dashboard.exports import frame
from dashboard.i18n import t
from dashboard.panel import display_frame
from dashboard.policy_ui import evidence_link
from dashboard.policy_ui import link_to
from dashboard.policy_ui import policy_page
from dashboard.ui import lang

L = lang()
con, store = policy_page("meeting", L)
meetings = store.meetings()
if not meetings:
    st.info(t("meeting.no_meetings", L))
c1, c2 = st.columns([2, 1])
with c1:
    since, upcoming = P.pick_since(store, L)
with c2:
    examples = P.examples_toggle(L)
if upcoming:
    st.caption(t("meeting.next", L, date=P.meeting_label(upcoming, L)))
if any(m["is_example"] for m in meetings):
    st.caption(t("meeting.example_dates", L))

brief = P.compute(con, store, since)
st.caption(R.compared(brief, L))
st.markdown(f"**{R.summary(brief, L, examples=examples)}**")
hidden = 0 if examples else R.hidden_examples(brief)
if hidden:
    st.caption(t("meeting.hidden_examples", L, n=hidden))
link_to("views/presentatie.py", "presentatie", t("meeting.to_presentation", L), ":material/slideshow:",
        {"since": since.isoformat(), "examples": "1" if examples else "0", "slide": "1", "lang": L})

sections = R.sections(brief, L, examples=examples)
tables = R.tables(brief, L, examples=examples, base_url=P.base_url())
names = R.sheet_names(L)
meta = R.metadata(brief, L)
for sec in sections:
    st.header(sec.title)
    st.caption(sec.intro)
    if not sec.items:
        st.markdown(sec.empty)
    for i, item in enumerate(sec.items):
        with st.container(border=True):
            st.markdown(P.badge(item, L))
            st.markdown(item.text)
            # The series chart on request: a brief can list dozens of items, and drawing every chart on
            # every click made the page slow (docs/performance.md); the presentation view shows them all.
            if item.chart and st.toggle(t("meeting.chart.show", L), key=f"show_{sec.key}_{i}"):
                fig = P.item_chart(brief, item, L)
                if fig is not None:
                    st.plotly_chart(fig, key=f"chart_{sec.key}_{i}", config={"displaylogo": False})
                else:
                    st.caption(t("meeting.chart.too_short", L))
            evidence_link(item.link, L)
    table = tables[sec.key]
    if not table.empty:
        with st.expander(t("panel.as_table", L)):
            st.dataframe(display_frame(table, {}, L), hide_index=True, width="stretch", key=f"table_{sec.key}")
            download_buttons(table, f"vergadering-{names[sec.key]}-sinds-{since.isoformat()}", meta, L,
                             key=f"dl_{sec.key}", rounded=True)

results.show(store, since, L, examples=examples)  # new measure values, budgets, advice (dashboard/brief/results.py)
curves.show(brief, store, L, examples=examples)  # turn the curve per linked indicator (dashboard/brief/curves.py)

st.header(t("meeting.downloads", L))
st.markdown(t("meeting.downloads_help", L, since=since.isoformat()))
row = st.container(horizontal=True, gap="small")
base = P.base_url()


def pdf_pack() -> bytes:
    """Made only when clicked (matplotlib and the PDF take a second or two)."""
    from dashboard.brief import pack

    return pack.to_pdf(brief, L, examples=examples, base_url=base,
                       extra_sections=P.extra_sections(brief, store, since, L, examples=examples))


def xlsx_pack() -> bytes:
    from dashboard.brief import pack

    return pack.to_xlsx(brief, L, examples=examples, base_url=base,
                        extra_sections=P.extra_sections(brief, store, since, L, examples=examples))


row.download_button(t("meeting.download_pdf", L), pdf_pack, file_name=R.pack_name("vergadering", "pdf", since),
                    mime="application/pdf", key="dl_pdf", icon=":material/picture_as_pdf:", on_click="ignore")
row.download_button(t("meeting.download_xlsx", L), xlsx_pack,
                    file_name=R.pack_name("vergadering", "xlsx", since),
                    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="dl_xlsx",
                    icon=":material/table_view:", on_click="ignore")

st.subheader(t("meeting.calendar", L))
today = date.today().isoformat()
cal = frame(
    [{t("meeting.col.date", L): m["meeting_date"],
      t("meeting.col.state", L): t("meeting.calendar_held" if m["meeting_date"] < today else "meeting.calendar_planned", L),
      t("meeting.col.title", L): m.get(f"title_{L}") or m.get("title_nl") or "",
      t("meeting.col.notes", L): m.get(f"notes_{L}") or m.get("notes_nl") or "",
      t("meeting.col.is_example", L): m["is_example"]}
     for m in meetings],
    columns=[t(f"meeting.col.{c}", L) for c in ("date", "state", "title", "notes", "is_example")],
)
if not cal.empty:
    st.dataframe(cal, hide_index=True, width="stretch", key="calendar")
    download_buttons(cal, "vergaderkalender", {t("meeting.meta.title", L): t("meeting.calendar", L)}, L,
                     key="dl_calendar")
