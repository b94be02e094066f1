"""Presentatie: the brief on the projector, one finding per screen, in large type.

Paging with buttons or the keyboard (→ next, ← previous, Home start); the position is in the URL
(`?slide=3`), so a reload or a shared link opens the same screen. Same content as the meeting page.
"""

from __future__ import annotations

import streamlit as st

from dashboard.brief import page as P
from dashboard.brief import render as R
from dashboard.i18n import t
from dashboard.policy_ui import evidence_link
from dashboard.policy_ui import link_to
from dashboard.policy_ui import store_or_stop
from dashboard.ui import connection_or_stop
from dashboard.ui import lang
from dashboard.ui import presentation_mode

L = lang()
presentation_mode()  # no sidebar: one message fills the projector (tests/e2e/test_projector.py)
con = connection_or_stop(L)
store = store_or_stop(L)
since, _upcoming = P.pick_since(store, L, widget=False)
examples = st.query_params.get(P.EXAMPLES, "1") != "0"
st.query_params[P.EXAMPLES] = "1" if examples else "0"
brief = P.compute(con, store, since)
sections = R.sections(brief, L, examples=examples)
# In the order of the next meeting's agenda when it has one (Agenda en besluiten), else the brief's order.
slides: list[tuple[dict | None, R.Section | None, R.Item | None]] = [(None, None, None)]
slides += R.agenda_slides(brief, L, examples=examples)
# Then what the meeting page shows below the comparison: new project results, turn the curve.
slides += [(None, sec, item) for sec in P.cached_extra_sections(brief, store, since, L, examples=examples)
           for item in sec.items]
slides.append((None, None, None))
n = len(slides)


def position() -> int:
    try:
        return min(max(int(st.query_params.get(P.SLIDE, "1")), 1), n)
    except ValueError:
        return 1


def go(to: int) -> None:
    st.query_params[P.SLIDE] = str(min(max(to, 1), n))


pos = position()
st.query_params[P.SLIDE] = str(pos)
agenda_item, sec, item = slides[pos - 1]

if pos == 1:
    st.title(t("meeting.present.cover", L, date=R.day(since, L)))
    st.markdown("\n".join("- ### " + part for part in R.summary(brief, L, examples=examples).split(" · ")))
    st.caption(R.compared(brief, L))
elif pos == n:
    st.title(t("meeting.present.end", L))
    st.markdown("### " + t("meeting.present.end_sub", L))
    link_to("views/vergadering.py", "vergadering", t("meeting.present.back", L), ":material/summarize:",
            {"since": since.isoformat(), "examples": "1" if examples else "0", "lang": L})
elif item is None:  # an agenda item's own screen
    st.caption(t("meeting.present.agenda_item", L, n=agenda_item["position"]))
    st.title(agenda_item.get(f"title_{L}") or agenda_item["title_nl"])
    note = agenda_item.get(f"note_{L}") or agenda_item.get("note_nl")
    if note:
        st.markdown("### " + note)
    if agenda_item.get("is_example"):
        st.markdown(f":violet-badge[{t('policy.example', L)}]")
else:
    st.markdown(f"### {sec.title}  {P.badge(item, L)}")
    st.markdown("## " + item.text)
    fig = P.item_chart(brief, item, L)
    if fig is not None:  # sized so title, finding, chart and paging fit a 1280x720 projector
        fig.update_layout(height=330, margin={"t": 50, "b": 30})
        st.plotly_chart(fig, key=f"slide_chart_{pos}", config={"displaylogo": False})
    evidence_link(item.link, L)

st.divider()
nav = st.container(horizontal=True, gap="small", vertical_alignment="center")
nav.button(t("meeting.present.first", L), key="slide_first", on_click=go, args=(1,), shortcut="Home",
           icon=":material/first_page:", disabled=pos == 1)
nav.button(t("meeting.present.prev", L), key="slide_prev", on_click=go, args=(pos - 1,), shortcut="Left",
           icon=":material/chevron_left:", disabled=pos == 1)
nav.button(t("meeting.present.next", L), key="slide_next", on_click=go, args=(pos + 1,), shortcut="Right",
           icon=":material/chevron_right:", type="primary", disabled=pos == n)
nav.markdown(f"**{t('meeting.present.position', L, i=pos, n=n)}**")
st.caption(t("meeting.present.keys", L, i=pos))
