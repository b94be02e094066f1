"""The shared filter model of the analysis pages: focus area, comparison areas and period.

Why: a Policy Group member copies the address bar and a colleague sees the same view, also after a
reload. The state lives in the URL (`?geo=44021&compare=11002&compare=71016&from=2018&to=2024`);
because Streamlit clears the URL when the user switches page, the choice is also kept in session
state so it follows the user from page to page. Order of precedence: URL, then the user's last
choice in this session, then the page's defaults. Values that do not exist on a page are dropped
(periods are clamped to the page's range), never shown as an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field

import pandas as pd
import streamlit as st

from dashboard.i18n import t

GEO, COMPARE, FROM, TO = "geo", "compare", "from", "to"
PARAMS = (GEO, COMPARE, FROM, TO)
STORE = "_gsiw_filters"
NONE = ""  # `compare=` in the URL: the user removed every comparison area on purpose


@dataclass(frozen=True)
class Filters:
    geo: str
    compare: tuple[str, ...] = ()
    period_from: str | None = None
    period_to: str | None = None
    names: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def areas(self) -> list[str]:
        """Focus area first, then the comparison areas: the order charts draw them in."""
        return [self.geo, *self.compare]

    @property
    def period(self) -> str:
        if self.period_from and self.period_to and self.period_from != self.period_to:
            return f"{self.period_from}–{self.period_to}"
        return self.period_to or self.period_from or "–"

    def name(self, code: str | None = None) -> str:
        code = code or self.geo
        return self.names.get(code, code)

    def params(self) -> dict[str, str | list[str]]:
        """The query parameters that reproduce this view."""
        out: dict[str, str | list[str]] = {GEO: self.geo, COMPARE: list(self.compare) or NONE}
        if self.period_from:
            out[FROM] = self.period_from
        if self.period_to:
            out[TO] = self.period_to
        return out


def clamp(periods: Sequence[str], start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """Fit a requested range into the periods a page has: 2000–2030 on a 2014–2024 page gives 2014–2024."""
    if not periods:
        return None, None
    lo = next((p for p in periods if start is None or p >= start), periods[-1])
    hi = next((p for p in reversed(periods) if end is None or p <= end), periods[0])
    if lo > hi:
        return periods[0], periods[-1]
    return lo, hi


def resolve(
    url: Mapping[str, Sequence[str]],
    stored: Mapping[str, Sequence[str]] | None,
    *,
    geos: Sequence[str],
    periods: Sequence[str],
    default_geo: str,
    default_compare: Sequence[str] = (),
    names: Mapping[str, str] | None = None,
) -> Filters:
    """Pure: URL values, else the session's last choice, else defaults; unknown codes are dropped.

    `geo` may be repeated (older explorer links): the first is the focus, the rest become comparisons.
    """
    known = set(geos)
    stored = stored or {}

    def pick(key: str) -> list[str] | None:
        for origin in (url, stored):
            values = list(origin.get(key) or [])
            if values:
                return values
        return None

    geo_values = [g for g in (pick(GEO) or []) if g in known]
    focus = geo_values[0] if geo_values else (default_geo if default_geo in known else (list(geos) or [""])[0])
    raw_compare = pick(COMPARE)
    if raw_compare is None:
        wanted = geo_values[1:] or list(default_compare)
    else:
        wanted = geo_values[1:] + [c for c in raw_compare if c != NONE]
    compare = tuple(dict.fromkeys(c for c in wanted if c in known and c != focus))
    start, end = clamp(list(periods), (pick(FROM) or [None])[0], (pick(TO) or [None])[0])
    return Filters(focus, compare, start, end, dict(names or {}))


def _url_values() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in PARAMS if k in st.query_params}


def _period_params(params: dict, period: str) -> dict:
    """Which period parameters a page owns: both for a range, `to` for one year, none for a census page."""
    params = dict(params)
    if period in ("year", "none"):
        params.pop(FROM, None)
    if period == "none":
        params.pop(TO, None)
    return params


def _write_url(params: Mapping[str, str | list[str]]) -> None:
    """Only what changed, so the browser history stays clean."""
    for key, value in params.items():
        wanted = value if isinstance(value, list) else [value]
        if st.query_params.get_all(key) != wanted:
            st.query_params[key] = value


def remember(params: Mapping[str, str | list[str]]) -> None:
    """Keep areas and period in the session, so the next page (whose URL Streamlit cleared) shows them."""
    store = dict(st.session_state.get(STORE, {}))
    store.update({k: v if isinstance(v, list) else [v] for k, v in params.items()})
    st.session_state[STORE] = store


def filter_bar(
    areas: pd.DataFrame,
    periods: Sequence[str],
    lang: str,
    *,
    default_geo: str,
    default_compare: Sequence[str] = (),
    compare: bool = True,
    period: str = "range",
    key: str = "flt",
) -> Filters:
    """Render the filters at the top of a page and return the view they describe.

    `areas`: geo_code, geo_name (options, in display order). `period`: "range" (from–to),
    "year" (one year, kept in `to`) or "none" (a page with a single reference date).
    """
    names = dict(zip(areas["geo_code"], areas["geo_name"], strict=True))
    codes = list(names)
    periods = list(periods)
    raw = _url_values()
    f = resolve(raw, st.session_state.get(STORE), geos=codes, periods=periods, default_geo=default_geo,
                default_compare=default_compare if compare else (), names=names)
    if period == "year" and f.period_to:
        f = Filters(f.geo, f.compare, f.period_to, f.period_to, names)

    k_geo, k_cmp, k_per = f"{key}_geo", f"{key}_compare", f"{key}_period"
    st.session_state[k_geo] = f.geo
    if compare:
        st.session_state[k_cmp] = list(f.compare)
    if period == "range" and len(periods) > 1:
        st.session_state[k_per] = (f.period_from, f.period_to)
    elif period == "year" and len(periods) > 1:
        st.session_state[k_per] = f.period_to

    def sync() -> None:
        """Widget changed: the new choice goes to the URL and the session before the rerun."""
        geo = st.session_state[k_geo]
        cmp = [c for c in st.session_state.get(k_cmp, list(f.compare)) if c != geo] if compare else []
        value = st.session_state.get(k_per)
        # Accept only a well-formed value for this page's period mode (a stale widget state from another
        # page, or a test harness, can deliver a single year to a range slider).
        if period == "range" and isinstance(value, (tuple, list)) and len(value) == 2 and set(value) <= set(periods):
            start, end = value
        elif period == "year" and value in periods:
            start = end = value
        else:
            start = end = None
        params = _period_params(Filters(geo, tuple(cmp), start or f.period_from, end or f.period_to).params(), period)
        if not compare:
            params.pop(COMPARE, None)
        _write_url(params)
        remember(params)

    widths = [2, 3, 2] if compare else [2, 3]
    cols = st.columns(widths)
    cols[0].selectbox(t("filters.geo", lang), codes, format_func=names.get, key=k_geo, on_change=sync)
    if compare:
        cols[1].multiselect(t("filters.compare", lang), [c for c in codes if c != f.geo], format_func=names.get,
                            key=k_cmp, on_change=sync, placeholder=t("filters.compare_none", lang))
    slot = cols[-1]
    if period == "range" and len(periods) > 1:
        slot.select_slider(t("filters.period", lang), periods, key=k_per, on_change=sync)
    elif period == "year" and len(periods) > 1:
        slot.select_slider(t("filters.year", lang), periods, key=k_per, on_change=sync)
    elif periods:
        slot.markdown(f"**{t('filters.period', lang)}**  \n{f.period}")
    # The URL always describes what is shown. The session keeps the areas, and a period only as the user
    # asked for it (unclamped), so a page with fewer years does not shrink the range on the next page.
    # A page without comparison areas leaves them alone, so they are still there on the next page.
    shown = {k: v for k, v in _period_params(f.params(), period).items() if compare or k != COMPARE}
    _write_url(shown)
    owned = _period_params({FROM: "", TO: ""}, period)
    remember({GEO: f.geo, **({COMPARE: list(f.compare) or NONE} if compare else {}),
              **{k: raw[k] for k in owned if k in raw}})
    return f


def url_choice(widget, label: str, options: Sequence[str], param: str, *, key: str, **kwargs) -> str:
    """A radio or selectbox whose choice lives in the URL (?param=value), so a deep link reproduces it."""
    options = list(options)
    wanted = st.query_params.get(param)
    choice = widget(label, options, index=options.index(wanted) if wanted in options else 0, key=key, **kwargs)
    if st.query_params.get(param) != choice:
        st.query_params[param] = choice
    return choice
