"""Turn the curve per objective-indicator link: the series, baseline, forecast if nothing changes, target
and the group's latest note, computed once for the pages that show it (Doelstellingen, Projecten).

The forecast is `policy.forecast` (method in its docstring); this module only gathers what a page
draws, so the views stay free of data shaping.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.i18n import fmt_change
from dashboard.i18n import fmt_value
from dashboard.i18n import period_label
from dashboard.i18n import t
from dashboard.policy_ui import num
from dashboard.queries.policy import indicator_catalogue
from dashboard.queries.policy import labels
from policy.forecast import METHOD
from policy.forecast import Forecast
from policy.forecast import forecast
from policy.forecast import latest_note
from policy.progress import Progress
from policy.signals import evaluate_links


@dataclass
class Curve:
    link: dict
    progress: Progress
    series: pd.DataFrame  # period, value, source_id (values only)
    indicator: dict | None  # catalogue row; None when the linked indicator is not in the warehouse
    forecast: Forecast
    projection: pd.DataFrame  # period, value, lower, upper
    note: dict | None  # the latest curve_notes record
    n_notes: int

    @property
    def unit(self) -> str:
        return (self.indicator or {}).get("unit") or ""


def curves(
    con, store, lang: str, links: list[dict] | None = None, results: dict | None = None
) -> dict[str, Curve]:
    """Every link's turn-the-curve material, by link id (one warehouse round trip for all series).
    `results`: the links' `policy.signals.evaluate_links` results when the page has them already."""
    links = store.records("links") if links is None else links
    if results is None:
        results = evaluate_links(con, links, indicator_catalogue(con, lang))
    notes = store.records("curve_notes")
    out = {}
    for link in links:
        res = results[link["id"]]
        series = res.series[res.series["value"].notna()][
            ["period", "value", "source_id"]
        ].reset_index(drop=True)
        fc = (
            forecast(series, target_year=res.progress.target_year)
            if res.indicator is not None
            else Forecast("no_series")
        )
        out[link["id"]] = Curve(
            link,
            res.progress,
            series,
            res.indicator,
            fc,
            fc.frame(),
            latest_note(notes, link["id"]),
            sum(n["link_id"] == link["id"] for n in notes),
        )
    return out


def method_text(lang: str) -> str:
    """The forecast method in one paragraph, with its numbers."""
    return t(
        "curve.method",
        lang,
        max=METHOD["max_points"],
        min=METHOD["min_points"],
        band_min=METHOD["min_points_band"],
        level=round(METHOD["level"] * 100),
        horizon=METHOD["horizon_years"],
    )


def forecast_sentence(c: Curve, lang: str) -> str:
    """'If nothing changes: 21,5 % in 2027 (…); target 15,0 %: the projection is 6,5 percentage points above
    it, so it would be missed.' or why there is none. A projection is written with the precision of the
    published figures (fmt_value), not more: it is an estimate."""
    f = c.forecast
    if not f.ok:
        return t(f"curve.none.{f.status}", lang, n=f.n_points, min=METHOD["min_points"])
    unit = c.unit
    kind = (c.indicator or {}).get("period_kind")
    parts = [
        t(
            "curve.if_nothing_changes",
            lang,
            value=fmt_value(f.end_value, unit, lang),
            period=period_label(f.end_period, kind, lang),
            first=period_label(f.first_period, kind, lang),
            last=period_label(f.last_period, kind, lang),
            n=f.n_points,
        )
    ]
    if f.band:
        parts.append(
            t(
                "curve.band",
                lang,
                level=round(f.level * 100),
                low=fmt_value(f.lower[-1], unit, lang),
                high=fmt_value(f.upper[-1], unit, lang),
            )
        )
    p = c.progress
    if p.target_value is not None:
        diff = f.end_value - p.target_value
        shown = fmt_change(abs(diff), "pp" if unit == "%" else "", lang).lstrip("+")
        side = (
            "equal"
            if round(abs(diff), 1 if unit == "%" else 0) == 0
            else ("above" if diff > 0 else "below")
        )
        met = diff >= 0 if c.link["direction"] == "higher_is_better" else diff <= 0
        year = p.target_year or t("policy.num.no_year", lang)
        parts.append(
            t(
                f"curve.vs_target.{side}",
                lang,
                target=num(p.target_value, unit, lang),
                year=year,
                gap=shown,
            )
            + " "
            + t("curve.verdict.met" if met else "curve.verdict.missed", lang)
        )
    if "clipped_at_zero" in f.notes:
        parts.append(t("curve.clipped", lang))
    return " ".join(parts)


def chart_labels(c: Curve, series_label: str, lang: str) -> dict[str, str]:
    p = c.progress
    return {
        "series": series_label,
        "projection": t("curve.projection", lang),
        "band": t("curve.band_label", lang, level=round(c.forecast.level * 100)),
        "baseline": t("policy.chart.baseline", lang),
        "target": t(
            "policy.chart.target",
            lang,
            value=num(p.target_value, c.unit, lang),
            year=p.target_year or t("policy.num.no_year", lang),
        )
        if p.target_value is not None
        else "",
    }


NOTE_PARTS = ("story", "partner_roles", "what_works", "actions")


def note_parts(note: dict | None, partners: dict[str, dict], lang: str) -> list[tuple[str, str]]:
    """(heading, text) of the note's four parts, in the UI language (Dutch when not translated);
    partners named by the note are listed with the 'partners with a role' part."""
    if not note:
        return []
    out = []
    for part in NOTE_PARTS:
        text = note.get(f"{part}_{lang}") or note.get(f"{part}_nl") or ""
        if part == "partner_roles" and note.get("partner_ids"):
            names = ", ".join((partners.get(p) or {}).get("name") or p for p in note["partner_ids"])
            text = f"{names}. {text}".strip() if text else names
        if text:
            out.append((t(f"curve.part.{part}", lang), text))
    return out


def projection_table(c: Curve, series_label: str, lang: str) -> pd.DataFrame:
    """The published values and the projection, one row per period, marked which is which (for a download)."""
    pub = pd.DataFrame(
        {
            "period": c.series["period"],
            "value": c.series["value"],
            "lower": None,
            "upper": None,
            "kind": t("curve.kind.published", lang),
        }
    )
    proj = c.projection.assign(kind=t("curve.projection", lang))
    out = pd.concat([pub, proj], ignore_index=True) if not proj.empty else pub
    return out.rename(
        columns={
            "period": t("col.period", lang),
            "value": series_label,
            "lower": t("curve.col.lower", lang),
            "upper": t("curve.col.upper", lang),
            "kind": t("curve.col.kind", lang),
        }
    )


__all__ = [
    "Curve",
    "chart_labels",
    "curves",
    "forecast_sentence",
    "labels",
    "method_text",
    "note_parts",
    "projection_table",
]
