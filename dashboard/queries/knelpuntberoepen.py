"""Queries for VDAB's bottleneck-occupation lists (knelpuntberoepen): the yearly count, the named lists, the quotes.

Why a module of its own: the Vacatures page, the signals page (as context) and the public summary show the same
list facts, and each must name the list year and the page it comes from. Every frame comes back ready to show in
the UI language: the occupation name in that language, and whether the name is the publisher's or our translation.
The lists cover Flanders as a whole; nothing here is mapped to sectors or to Gent.
"""

from __future__ import annotations

import pandas as pd

COUNT = "knelpuntberoepen_count"
SHARE = "knelpuntberoepen_share_of_occupations"
LIST = "knelpuntberoepen"
FLANDERS = "02000"  # every list covers Flanders as a whole


def _sfx(lang: str) -> str:
    return "en" if lang == "en" else "nl"


def has_lists(con) -> bool:
    """Whether the warehouse holds the list: its tables (an older warehouse has none) and a count for Flanders."""
    tables = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'occupation_lists'"
    ).fetchone()[0]
    return bool(tables) and latest(con) is not None


def count_by_list_year(con, lang: str = "nl") -> pd.DataFrame:
    """The count per list year from the first to the last published one, a row with an empty value for every
    year without a published count, so a chart shows the gap instead of joining across it.

    Columns: period, value, geo_name, publisher, url (the page that published the figure), indicator_id, source_id."""
    sfx = _sfx(lang)
    return con.execute(
        f"""
        WITH counts AS (
            SELECT o.period, o.value, coalesce(g.name_{sfx}, g.name_nl) AS geo_name
            FROM observations o JOIN geographies g USING (geo_code)
            WHERE o.indicator_id = ? AND o.geo_code = ? AND o.breakdown = 'total'
        ),
        pages AS (
            SELECT period, first(publisher ORDER BY url) AS publisher, first(url ORDER BY url) AS url
            FROM observation_notes WHERE indicator_id = ? GROUP BY period
        ),
        years AS (
            SELECT CAST(y AS VARCHAR) AS period
            FROM (SELECT min(CAST(period AS INTEGER)) AS lo, max(CAST(period AS INTEGER)) AS hi FROM counts),
                 range(lo, hi + 1) AS r(y)
        )
        SELECT years.period, counts.value, (SELECT any_value(geo_name) FROM counts) AS geo_name,
               pages.publisher, pages.url, ? AS indicator_id,
               (SELECT source_id FROM indicators WHERE indicator_id = ?) AS source_id
        FROM years LEFT JOIN counts USING (period) LEFT JOIN pages USING (period)
        ORDER BY years.period
        """,
        [COUNT, FLANDERS, COUNT, COUNT, COUNT],
    ).df()


def latest(con, indicator_id: str = COUNT) -> dict | None:
    """The latest published figure of one list indicator with its page: {period, value, publisher, url}."""
    row = con.execute(
        """
        SELECT o.period, o.value, n.publisher, n.url
        FROM observations o
        LEFT JOIN observation_notes n USING (indicator_id, geo_code, period, breakdown, breakdown_value)
        WHERE o.indicator_id = ? AND o.geo_code = ? AND o.breakdown = 'total' AND o.value IS NOT NULL
        ORDER BY o.period DESC, n.url LIMIT 1
        """,
        [indicator_id, FLANDERS],
    ).fetchone()
    return dict(zip(("period", "value", "publisher", "url"), row, strict=True)) if row else None


def list_items(
    con, kind: str, year: str | None = None, lang: str = "nl"
) -> tuple[str | None, pd.DataFrame]:
    """(list year, items) of one kind (top / new / removed): the given year, or the latest year that has such
    items. Columns: rank, rank_as_published, occupation (UI language), translated (True when the name in this
    language is ours, not the publisher's), publisher, url, sublist."""
    if year is None:
        year = con.execute(
            "SELECT max(list_year) FROM occupation_lists WHERE list_name = ? AND item_kind = ?",
            [LIST, kind],
        ).fetchone()[0]
    if year is None:
        return None, pd.DataFrame()
    sfx = _sfx(lang)
    items = con.execute(
        f"""
        SELECT rank, rank_as_published, occupation_{sfx} AS occupation, name_language <> ? AS translated,
               publisher, url, sublist
        FROM occupation_lists
        WHERE list_name = ? AND item_kind = ? AND list_year = ?
        ORDER BY sublist, rank NULLS LAST, item_order
        """,
        [sfx, LIST, kind, year],
    ).df()
    return year, items


def statements(con, topic: str = "regional", lang: str = "nl") -> pd.DataFrame:
    """Dated quotes (newest first): period, geography, quote in the UI language, translated, publisher, url."""
    sfx = _sfx(lang)
    out = con.execute(
        f"""
        SELECT period, geography_{sfx} AS geography, quote_{sfx} AS quote, quote_language <> ? AS translated,
               publisher, url
        FROM published_statements
        WHERE topic = ? AND source_id IN (SELECT source_id FROM indicators WHERE indicator_id = ?)
        ORDER BY period DESC, statement_id
        """,
        [sfx, topic, COUNT],
    ).df()
    out["publisher"] = [publisher_label(p, lang) for p in out["publisher"]]
    return out


def examples(con, lang: str = "nl", n: int = 3) -> dict | None:
    """The latest count and `n` occupations named on that same list (the top of its top list, else occupations
    new on it): {period, value, publisher (as the UI language writes it), url, indicator_id, occupations, kind};
    None without a count or named occupations."""
    head = latest(con)
    if head is None:
        return None
    for kind in ("top", "new"):
        _, items = list_items(con, kind, head["period"], lang)
        if len(items) >= n:
            return {
                **head,
                "publisher": publisher_label(head["publisher"], lang),
                "indicator_id": COUNT,
                "occupations": list(items["occupation"].head(n)),
                "kind": kind,
            }
    return None


# --- Shaping for display (pure, so the views stay thin and the tests can call them) -------------------------

QUOTES_SHOWN = 4  # newest quotes shown directly; older ones behind an expander


def publisher_label(publisher: str, lang: str) -> str:
    """The publisher as the page names it; the compiler's note '(bron: X)' reads '(source: X)' in English."""
    return publisher.replace("(bron: ", "(source: ") if lang == "en" else publisher


def shares(con, lang: str = "nl") -> pd.DataFrame:
    """Published shares of all occupations on the list, per list year, with their page."""
    out = con.execute(
        """
        SELECT o.period, o.value, n.publisher, n.url
        FROM observations o JOIN observation_notes n
             USING (indicator_id, geo_code, period, breakdown, breakdown_value)
        WHERE o.indicator_id = ? AND o.geo_code = ? AND o.value IS NOT NULL ORDER BY o.period
        """,
        [SHARE, FLANDERS],
    ).df()
    out["publisher"] = [publisher_label(p, lang) for p in out["publisher"]]
    return out


def gap_years(counts: pd.DataFrame) -> list[str]:
    """List years inside the range for which no count was published."""
    return list(counts.loc[counts["value"].isna(), "period"])


def join_words(words: list[str], and_word: str) -> str:
    """'a, b and c' in the UI language."""
    words = [str(w) for w in words]
    return (
        words[0]
        if len(words) == 1
        else f"{', '.join(words[:-1])} {and_word} {words[-1]}"
        if words
        else ""
    )


def source_links(items: pd.DataFrame, lang: str = "nl") -> str:
    """Each page the items come from once, as markdown links, in the order first used."""
    pairs = list(dict.fromkeys(zip(items["publisher"], items["url"], strict=True)))
    return ", ".join(f"[{publisher_label(p, lang)}]({u})" for p, u in pairs)


def ranked_table(items: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """Rank as published ('4-5' stays '4-5') and the occupation, marked '*' where the name is our translation."""
    rank = [
        str(r) if pd.notna(r) else (a if isinstance(a, str) and a else "–")
        for r, a in zip(items["rank"], items["rank_as_published"], strict=True)
    ]
    names = [
        f"{o} *" if tr else o
        for o, tr in zip(items["occupation"], items["translated"], strict=True)
    ]
    return pd.DataFrame({columns["rank"]: rank, columns["occupation"]: names})


def pages_table(counts: pd.DataFrame, lang: str, columns: dict[str, str]) -> pd.DataFrame:
    """Per list year with a figure: the count as shown, who reported it, and the page."""
    from dashboard.i18n import fmt_number

    return pd.DataFrame(
        {
            columns["period"]: counts["period"],
            columns["value"]: [fmt_number(v, lang) for v in counts["value"]],
            columns["publisher"]: [publisher_label(p, lang) for p in counts["publisher"]],
            columns["url"]: counts["url"],
        }
    )


def signal_context(con, lang: str = "nl", n: int = 3) -> dict | None:
    """The latest count with its page and the first `n` of the latest top list with its pages, for the signals
    page: {year, count, publisher, url, top_year, top ('a, b and c'), top_sources (markdown links)}."""
    head = latest(con)
    top_year, top = list_items(con, "top", lang=lang)
    if head is None or top_year is None or top.empty:
        return None
    from dashboard.i18n import fmt_value
    from dashboard.i18n import t

    first = top[top["sublist"] == top["sublist"].iloc[0]].head(n)
    return {
        "year": head["period"],
        "count": fmt_value(head["value"], "occupations", lang),
        "publisher": publisher_label(head["publisher"], lang),
        "url": head["url"],
        "top_year": top_year,
        "top": join_words(list(first["occupation"]), t("bottleneck.and", lang)),
        "top_sources": source_links(first, lang),
    }
