"""The meeting pack: the brief as a PDF (charts as images, sources listed) and as an Excel workbook.

Why matplotlib + fpdf2: the pack must be made on a machine without internet and without a browser.
Plotly's image export (kaleido) needs a Chrome binary at runtime; matplotlib draws the charts
itself and ships the DejaVu fonts, which fpdf2 embeds, so Dutch accents and the minus sign print
on any machine with only the installed packages.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display, no GUI toolkit: this runs from cron or a server

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from fpdf import FPDF  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from dashboard.brief import render as R  # noqa: E402
from dashboard.brief.model import Brief  # noqa: E402
from dashboard.brief.render import pack_name  # noqa: E402, F401  (re-exported for the CLI)
from dashboard.charts import OKABE_ITO  # noqa: E402
from dashboard.exports import to_excel_book  # noqa: E402
from dashboard.i18n import fmt_number  # noqa: E402
from dashboard.i18n import t  # noqa: E402

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
MAX_CHARTS = 20  # a pre-read, not an atlas: the first moves and status changes get a chart
TONE_RGB = {"good": (0, 114, 178), "bad": (213, 94, 0), "neutral": (90, 90, 90)}


# --------------------------------------------------------------------------- charts


def chart_png(brief: Brief, item: R.Item, lang: str) -> bytes | None:
    """A small line chart of the item's series with the figure the meeting saw marked."""
    points = brief.series.get(item.chart) if item.chart else None
    if not points or len(points) < 2:
        return None
    periods = [p for p, _ in points]
    values = [v for _, v in points]
    unit = (brief.indicators.get(item.chart.indicator_id) or {}).get("unit", "")
    decimals = 1 if unit == "%" else 2 if unit == "ratio" else 0
    fig, ax = plt.subplots(figsize=(7.2, 2.9), dpi=130)
    try:
        x = list(range(len(periods)))
        ax.plot(x, values, color=OKABE_ITO[0], linewidth=2.5, marker="o", markersize=4,
                label=t("meeting.chart.series", lang))
        if item.mark_period in periods:
            i = periods.index(item.mark_period)
            ax.plot([i], [values[i]], linestyle="none", marker="D", markersize=9, color=OKABE_ITO[1],
                    markeredgecolor="black", label=t("meeting.chart.before", lang))
        ax.annotate(fmt_number(values[-1], lang, decimals), (x[-1], values[-1]), textcoords="offset points",
                    xytext=(0, 8), ha="center", fontsize=9, fontweight="bold")
        if item.target is not None:
            year, value = item.target
            label = t("meeting.chart.target", lang) + (f" {year}" if year else "")
            ax.axhline(value, color=OKABE_ITO[5], linestyle="--", linewidth=1.8, label=label)
        step = max(1, len(periods) // 10)
        ax.set_xticks(x[::step], periods[::step], fontsize=8, rotation=0)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_number(v, lang, decimals)))
        ax.tick_params(axis="y", labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", color="#dddddd", linewidth=0.8)
        name = R._ind_name(brief, item.chart.indicator_id, lang)
        ax.set_title(f"{name} · {R.area(brief, item.chart, lang)}", fontsize=10, loc="left")
        ax.legend(fontsize=8, frameon=False, loc="best")
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        return buf.getvalue()
    finally:
        plt.close(fig)


# --------------------------------------------------------------------------- PDF


class _PDF(FPDF):
    def __init__(self, lang: str, title: str):
        super().__init__(format="A4")
        self.lang, self.doc_title = lang, title
        for style, fname in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"), ("I", "DejaVuSans-Oblique.ttf"),
                             ("BI", "DejaVuSans-BoldOblique.ttf")):
            self.add_font(FONT, style, str(FONT_DIR / fname))
        self.set_auto_page_break(True, margin=18)
        self.set_margins(18, 16, 18)

    def para(self, h: float, text: str, **kw) -> None:
        """A left-aligned paragraph over the full width (justified text extracts with doubled spaces)."""
        self.multi_cell(self.epw, h, text, align="L", new_x="LMARGIN", new_y="NEXT", **kw)

    def footer(self):
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 6, f"{self.doc_title} · {t('meeting.pdf.page', self.lang, n=self.page_no())}", align="C")
        self.set_text_color(0, 0, 0)


def _plain(text: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text)


def _safe_md(text: str) -> str:
    """fpdf2 markdown knows ** (bold), __ (underline), -- (strike): keep only our bold markers."""
    return text.replace("__", "_\u200b_").replace("--", "-\u200b-")


def to_pdf(brief: Brief, lang: str, *, examples: bool = True, base_url: str = ".",
           extra_sections: tuple = ()) -> bytes:
    """The meeting pack: title page summary, every section with its items, charts, method and sources.
    `extra_sections`: sections computed apart from the comparison (the turn-the-curve section), after the others."""
    title = t("meeting.pdf.title", lang)
    pdf = _PDF(lang, title)
    pdf.set_title(title)
    pdf.set_author("Gent, stad in werking – monitor")
    pdf.add_page()
    w = pdf.epw
    pdf.set_font(FONT, "B", 18)
    pdf.para(9, title)
    pdf.set_font(FONT, "B", 13)
    pdf.para(7, t("meeting.pdf.subtitle", lang, date=R.day(brief.since, lang)))
    pdf.ln(2)
    pdf.set_font(FONT, "", 9.5)
    pdf.para(5, t("meeting.pdf.generated", lang, at=brief.generated_at[:16].replace("T", " "),
                           current=brief.current_label))
    pdf.para(5, R.compared(brief, lang))
    if brief.next_meeting:
        pdf.para(5, t("meeting.next", lang, date=R.day(_date(brief.next_meeting["meeting_date"]), lang))
                       + (f" ({t('policy.example', lang)})" if brief.next_meeting.get("is_example") else ""))
    pdf.para(5, t("meeting.examples_note", lang))
    pdf.ln(2)
    pdf.set_font(FONT, "B", 11)
    pdf.para(6, R.summary(brief, lang, examples=examples))
    charts = 0
    for sec in [*R.sections(brief, lang, examples=examples), *extra_sections]:
        pdf.ln(4)
        if pdf.get_y() > pdf.h - 60:
            pdf.add_page()
        pdf.set_font(FONT, "B", 14)
        pdf.para(8, sec.title)
        pdf.set_font(FONT, "I", 9)
        pdf.set_text_color(80, 80, 80)
        pdf.para(4.6, sec.intro)
        pdf.set_text_color(0, 0, 0)
        pdf.ln(1)
        if not sec.items:
            pdf.set_font(FONT, "", 10)
            pdf.para(5.5, sec.empty)
            continue
        for item in sec.items:
            png = chart_png(brief, item, lang) if item.chart is not None and charts < MAX_CHARTS else None
            height = w * 2.9 / 7.2 * 0.85
            if png and pdf.get_y() + height + 30 > pdf.h - 20:  # keep an item and its chart on one page
                pdf.add_page()
            pdf.ln(1.5)
            pdf.set_font(FONT, "B", 8.5)
            pdf.set_text_color(*TONE_RGB.get(item.tone, TONE_RGB["neutral"]))
            badge = item.label.upper() + (f" · {t('policy.example', lang).upper()}" if item.is_example else "")
            pdf.para(4.5, badge)
            pdf.set_text_color(0, 0, 0)
            pdf.set_font(FONT, "", 10)
            pdf.para(5.2, _safe_md(item.text), markdown=True)
            url = item.link.url(lang, base_url)
            pdf.set_font(FONT, "", 8)
            pdf.set_text_color(0, 90, 160)
            pdf.para(4.2, f"{t('meeting.open_evidence', lang)}: {url}", link=url if "://" in url else None)
            pdf.set_text_color(0, 0, 0)
            if png:
                if pdf.get_y() + height > pdf.h - 20:
                    pdf.add_page()
                pdf.image(io.BytesIO(png), x=pdf.l_margin, w=w * 0.85, h=height,
                          alt_text=f"{R._ind_name(brief, item.chart.indicator_id, lang)}, {R.area(brief, item.chart, lang)}")
                charts += 1
    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.para(8, t("meeting.pdf.method", lang))
    pdf.set_font(FONT, "", 9.5)
    rel = fmt_number(R.NOTABLE_RELATIVE * 100, lang, 0) + (" %" if lang == "nl" else "%")
    pdf.para(5, t("meeting.method", lang, pp=fmt_number(R.NOTABLE_PP, lang, 1), rel=rel))
    pdf.ln(4)
    pdf.set_font(FONT, "B", 14)
    pdf.para(8, t("meeting.pdf.sources", lang))
    for sid in R.cited_sources(brief):
        m = brief.source_meta[sid]
        pdf.set_font(FONT, "B", 9.5)
        pdf.para(5, R._source_name(brief, sid, lang))
        pdf.set_font(FONT, "", 8.5)
        bits = [m.get("licence") or "", m.get("url") or ""]
        if m.get("snapshot"):
            bits.append(t("meeting.pdf.snapshot", lang, snapshot=m["snapshot"]))
        pdf.para(4.4, " · ".join(b for b in bits if b))
        pdf.ln(1)
    return bytes(pdf.output())


def _date(text: str):
    from datetime import date

    return date.fromisoformat(text[:10])


# --------------------------------------------------------------------------- Excel


def section_table(sec: R.Section, lang: str, *, examples: bool = True, base_url: str = ".") -> pd.DataFrame:
    """A section whose items are sentences (not comparison rows) as one table: a row per item."""
    c = lambda k: t(f"meeting.col.{k}", lang)  # noqa: E731
    rows = [{c("kind"): item.label, c("finding"): _plain(item.text), c("is_example"): item.is_example,
             c("link"): item.link.url(lang, base_url)}
            for item in sec.items if examples or not item.is_example]
    return pd.DataFrame(rows, columns=[c("kind"), c("finding"), c("is_example"), c("link")])


def to_xlsx(brief: Brief, lang: str, *, examples: bool = True, base_url: str = ".", view_link: str = "",
            extra_sections: tuple = ()) -> bytes:
    """One sheet per table of the brief (and per extra section), then a metadata sheet (what was
    compared, method, sources)."""
    tables = R.tables(brief, lang, examples=examples, base_url=base_url)
    names = R.sheet_names(lang)
    sheets = {names[k]: df for k, df in tables.items()}
    for sec in extra_sections:
        sheets[sec.title[:31]] = section_table(sec, lang, examples=examples, base_url=base_url)
    return to_excel_book(sheets, R.metadata(brief, lang, view_link))
