"""The brief in words and tables, in Dutch or English: shared by the page, the slides, the PDF and Excel.

Why one renderer: the pre-read (PDF), the screen in the meeting and the downloaded tables must say
exactly the same thing with the same numbers. Texts come from locales/*/meeting.json (and the signal
texts of policy.json); numbers are formatted with Babel, raw numbers stay numbers in the tables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
from babel.dates import format_date

from dashboard.brief.model import NOTABLE_PP
from dashboard.brief.model import NOTABLE_RELATIVE
from dashboard.brief.model import Brief
from dashboard.brief.model import Link
from dashboard.brief.model import SeriesKey
from dashboard.i18n import LOCALES
from dashboard.i18n import evidence_period_label
from dashboard.i18n import fmt_change
from dashboard.i18n import fmt_number
from dashboard.i18n import fmt_value
from dashboard.i18n import normalise
from dashboard.i18n import t
from dashboard.i18n import unit_label
from policy.signals import Signal

# The brief opens with the working cycle (issue 18): open action items, then what the partners recorded.
SECTIONS = ("actions", "cycle", "releases", "moves", "status", "signals", "resolved", "updates")
AGENDA_LINK = ("views/agenda.py", "agenda")
TONE = {"away": "bad", "worse": "bad", "towards": "good", "better": "good", "neutral": "neutral"}


@dataclass
class Item:
    section: str
    text: str  # markdown (**bold** only)
    link: Link
    tone: str = "neutral"  # good | bad | neutral
    is_example: bool = False
    chart: SeriesKey | None = None  # the series to draw, from brief.series
    mark_period: str | None = None  # the period the meeting saw, marked on the chart
    target: tuple[int | None, float] | None = None  # an objective's target, drawn as a line
    label: str = ""  # a short badge text (kind, direction, rule)


@dataclass
class Section:
    key: str
    title: str
    intro: str
    empty: str
    items: list[Item]


# --------------------------------------------------------------------------- formatting


def pack_name(view: str, ext: str, since) -> str:
    """`gsiw-<view>-sinds-<meeting date>-<today>.<ext>`: export files carry the view and both dates."""
    from dashboard.exports import file_name

    return file_name(f"{view}-sinds-{since.isoformat()}", ext)


def day(d, lang: str) -> str:
    """15 september 2026 / 15 September 2026."""
    return format_date(d, format="long", locale=LOCALES[normalise(lang)])


def decimals(value, unit: str) -> int:
    """Decimals `num` shows a value with: a rate 1 (2 when typed with two, 7,88 %), a ratio 2, an index 1,
    a count none (1 when it is not whole)."""
    if unit == "%":
        return 2 if abs(round(value, 1) - value) > 1e-9 else 1
    if unit == "ratio":
        return 2
    if unit == "index":
        return 1
    return 0 if float(value).is_integer() else 1


def shown(value, unit: str) -> float | None:
    """The number as the page, the slides and the PDF show it: what a table and its exports carry,
    so a reader finds the same 3,61 in the Excel sheet as on screen (not 3.6123915737298637)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), decimals(value, unit))


def num(value, unit: str, lang: str) -> str:
    """A value in its unit; a rate typed with two decimals (7,88 %) keeps them."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if unit == "%" and decimals(value, unit) == 2:
        s = fmt_number(value, lang, 2)
        return f"{s} %" if lang == "nl" else f"{s}%"
    if unit not in ("%", "ratio") and decimals(value, unit) == 1:
        return fmt_number(value, lang, 1)
    return fmt_value(value, unit, lang)


def _signed(x: float, text: str) -> str:
    return ("+" if x > 0 else "−" if x < 0 else "") + text


def change_text(unit: str, before: float, now: float, lang: str) -> str:
    """'+0,9 procentpunt' for rates; '+1.390 (+10,5 %)' for counts."""
    diff = now - before
    if unit == "%":
        return fmt_change(diff, "pp", lang)
    absolute = _signed(diff, num(abs(diff), unit, lang))
    if not before:
        return absolute
    return f"{absolute} ({fmt_change(diff / abs(before) * 100, 'rel%', lang)})"


def periods_text(periods: list[str], lang: str) -> str:
    """'2024, 2025', or for a long run of months '2024-01 tot 2026-04 (28 periodes)'."""
    if not periods:
        return "–"
    if len(periods) <= 4:
        return ", ".join(periods)
    return t("meeting.periods_span", lang, first=periods[0], last=periods[-1], n=len(periods))


def _ind_name(brief: Brief, indicator_id: str, lang: str) -> str:
    meta = brief.indicators.get(indicator_id) or {}
    return meta.get(f"name_{lang}") or meta.get("name_nl") or indicator_id


def _source_name(brief: Brief, source_id: str, lang: str) -> str:
    """Publisher (in the reader's language, dashboard/provenance.py) and title of a source."""
    from dashboard.provenance import source_text

    meta = brief.source_meta.get(source_id) or {}
    title = meta.get(f"title_{lang}") or meta.get("title_nl")
    publisher = source_text(source_id, "publisher", lang, meta.get("publisher"))
    return f"{publisher} – {title}" if publisher else (title or t("meeting.unknown_source", lang))


def area(brief: Brief, key: SeriesKey, lang: str) -> str:
    labels = brief.labels.get(lang) or brief.labels.get("nl") or {"geo": {}, "breakdown": {}}
    parts = [labels["geo"].get(key.geo_code, key.geo_code)]
    if key.breakdown != "total":
        parts.append(labels["breakdown"].get(f"{key.breakdown}/{key.breakdown_value}", key.breakdown_value))
    return ", ".join(parts)


def _objective(brief: Brief, oid: str, lang: str) -> str:
    o = brief.objectives.get(oid) or {}
    return o.get(f"title_{lang}") or o.get("title_nl") or oid


def _status(p, lang: str) -> str:
    return t(f"policy.status.{p.status}", lang) if p is not None else t("meeting.status.none_before", lang)


# --------------------------------------------------------------------------- signals in words


def signal_text(sig: Signal, brief: Brief, lang: str) -> str:
    """The Signalen page's wording of a signal (policy.json), with this brief's labels."""
    labels = brief.labels.get(lang) or brief.labels["nl"]
    p: dict[str, str] = {}
    for k, v in sig.params.items():
        if k in ("objectives", "sectors", "group", "comparison"):
            continue
        if isinstance(v, dict):
            p[k] = v.get(lang) or v.get("nl") or ""
        elif k.endswith("_period") and isinstance(v, str):  # labelled by the indicator's period kind
            kinds = {i: m.get("period_kind") for i, m in brief.indicators.items()}
            p[k] = evidence_period_label(v, sig.evidence, kinds, lang)
        elif k in sig.units:
            unit = sig.units[k]
            if unit == "ratio":  # as the Signalen page writes it: a real minus, never "−0,00"
                digits = fmt_number(abs(v), lang, 2) if v is not None else "–"
                p[k] = f"−{digits}" if v is not None and v < 0 and digits.strip("0,.") else digits
            elif k == "change":
                p[k] = fmt_change(v, unit, lang)
            else:
                p[k] = num(v, unit, lang)
        else:
            p[k] = "" if v is None else str(v)
    if "objectives" in sig.params:
        p["objectives"] = "; ".join(
            (o.get(lang) or o.get("nl") or "") + (f" ({t('policy.signals.context_note', lang)})" if o.get("context") else "")
            for o in sig.params["objectives"])
    if "group" in sig.params:
        p["group"] = labels["breakdown"].get(sig.params["group"], sig.params["group"].split("/")[-1])
        p["comparison"] = t(f"policy.signals.comparison.{sig.params['comparison']}", lang)
    if "sectors" in sig.params:
        sectors = [e for e in sig.evidence if e["breakdown"] == "sector"]
        p["sectors"] = ", ".join(
            f"{labels['breakdown'].get('sector/' + e['breakdown_value'], e['breakdown_value'])} "
            f"({fmt_value(e['value'], 'vacancies', lang)})" for e in sectors)
    return t(f"policy.signal.{sig.message}", lang, **p)


# --------------------------------------------------------------------------- sections


def freshness_items(brief: Brief, lang: str) -> list[tuple[str, str]]:
    """(label, sentence) per flagged source: next release overdue by its rhythm, last live fetch failed."""
    out = []
    for f in brief.freshness:
        src = _source_name(brief, f.source, lang)
        if f.state == "overdue":
            text = t("meeting.freshness.overdue", lang, source=src, period=f.latest_period or "–",
                     due=day(f.expected_next, lang))
            out.append((t("meeting.freshness.kind.overdue", lang), text))
        if f.fetch_failed:
            at = f.fetch_at[:16].replace("T", " ") if f.fetch_at else "–"
            out.append((t("meeting.freshness.kind.fetch_failed", lang),
                        t("meeting.freshness.fetch_failed", lang, source=src, at=at)))
    return out


def freshness_texts(brief: Brief, lang: str) -> list[str]:
    return [text for _, text in freshness_items(brief, lang)]


def _loc(rec: dict, name: str, lang: str) -> str:
    return rec.get(f"{name}_{lang}") or rec.get(f"{name}_nl") or ""


def cycle_items(brief: Brief, lang: str, *, examples: bool = True) -> tuple[list[Item], list[Item]]:
    """(open action items, the partnership's records changed since the meeting) as brief items."""
    groups = Link.make("views/actiegroepen.py", "actiegroepen")
    actions = []
    for a in brief.open_actions:
        if a["is_example"] and not examples:
            continue
        text = t("meeting.cycle.action", lang, title=_loc(a, "title", lang),
                 owner=brief.partners.get(a.get("owner_partner_id") or "", "–"), due=a.get("due_date") or "–",
                 status=t(f"cycle.action_status.{a['status']}", lang))
        actions.append(Item("actions", text, Link.make(*AGENDA_LINK, meeting=a["meeting_id"]),
                            "bad" if a["overdue"] else "neutral", bool(a["is_example"]),
                            label=t("cycle.actions.overdue" if a["overdue"] else f"cycle.action_status.{a['status']}",
                                    lang)))
    changed: list[Item] = []
    # New measure values are listed once, in the project-results section (dashboard/brief/results.py).
    for r in brief.cycle.get("reports", []):
        if r["is_example"] and not examples:
            continue
        group = brief.group_names.get(r["action_group_id"], {})
        changed.append(Item("cycle", t("meeting.cycle.report", lang, group=_loc(group, "name", lang) or "–",
                                        date=r["report_date"]), groups, "neutral", bool(r["is_example"]),
                            label=t("meeting.cycle.label.reports", lang)))
    for d in brief.cycle.get("decisions", []):
        if d["is_example"] and not examples:
            continue
        changed.append(Item("cycle", t("meeting.cycle.decision", lang, text=_loc(d, "text", lang)),
                            Link.make(*AGENDA_LINK, meeting=d["meeting_id"]), "neutral", bool(d["is_example"]),
                            label=t("meeting.cycle.label.decisions", lang)))
    for f in brief.cycle.get("field_signals", []):
        if (f["is_example"] and not examples) or f["status"] == "submitted":
            continue
        changed.append(Item("cycle", t(f"meeting.cycle.field_signal.{f['status']}", lang,
                                       title=_loc(f, "title", lang),
                                       partner=brief.partners.get(f.get("partner_id") or "", "–")),
                            Link.make("views/signalen.py", "signalen"), "neutral", bool(f["is_example"]),
                            label=t("meeting.cycle.label.field_signals", lang)))
    for p in brief.cycle.get("partners", []):
        if p["is_example"] and not examples:
            continue
        changed.append(Item("cycle", t(f"meeting.cycle.partner.{p['action']}", lang, name=p["name"],
                                       role=t(f"cycle.partner_role.{p['partner_role']}", lang)),
                            Link.make("views/partners.py", "partners"), "neutral", bool(p["is_example"]),
                            label=t("meeting.cycle.label.partners", lang)))
    return actions, changed


def sections(brief: Brief, lang: str, *, examples: bool = True) -> list[Section]:
    """Every section of the brief with its items, in the order the meeting goes through them."""
    items: dict[str, list[Item]] = {k: [] for k in SECTIONS}
    items["actions"], items["cycle"] = cycle_items(brief, lang, examples=examples)
    unknown = [r for r in brief.releases if r.kind == "unknown"]
    for r in brief.releases:
        if r.kind == "unknown":
            continue
        src = _source_name(brief, r.source_id, lang)
        names = ", ".join(_ind_name(brief, i, lang) for i in r.indicators) or "–"
        periods = periods_text(r.new_periods, lang)
        text = t(f"meeting.release.{r.kind}", lang, source=src, periods=periods, indicators=names,
                 before=r.snapshot_before or "–", now=r.snapshot_now or "–")
        items["releases"].append(Item("releases", text, r.link, "neutral",
                                      label=t(f"meeting.release.kind.{r.kind}", lang)))
    if unknown:  # one item: the history does not tell, for these sources
        text = t("meeting.release.unknown_all", lang)  # one plain sentence, not every source listed
        items["releases"].append(Item("releases", text, Link.make("views/sources.py", "bronnen"), "neutral",
                                      label=t("meeting.release.kind.unknown", lang)))
    sources_page = Link.make("views/sources.py", "bronnen")
    for label, text in freshness_items(brief, lang):  # not there yet, or could not be fetched
        items["releases"].append(Item("releases", text, sources_page, "bad", label=label))
    for m in brief.moves:
        if m.is_example and not examples:
            continue
        objectives = "; ".join(_objective(brief, o, lang) for o in m.objectives)
        text = t("meeting.move.revision" if m.revision else "meeting.move.text", lang,
                 indicator=_ind_name(brief, m.key.indicator_id, lang), area=area(brief, m.key, lang),
                 before=num(m.value_before, m.unit, lang), period_before=m.period_before,
                 now=num(m.value_now, m.unit, lang), period_now=m.period_now,
                 change=change_text(m.unit, m.value_before, m.value_now, lang),
                 assessment=t(f"meeting.assess.{m.assessment}", lang, objectives=objectives))
        items["moves"].append(Item("moves", text, m.link, TONE[m.assessment], m.is_example, m.key, m.period_before,
                                   label=t(f"meeting.assess.label.{m.assessment}", lang)))
    for s in brief.status_changes:
        if s.is_example and not examples:
            continue
        unit = (brief.indicators.get(s.indicator_id) or {}).get("unit", "")
        numbers = t("meeting.status.numbers", lang, latest=num(s.after.latest_value, unit, lang),
                    period=s.after.latest_period) if s.after.latest_value is not None else ""
        series = f"{_ind_name(brief, s.indicator_id, lang)}, {area(brief, s.key, lang)}"
        text = t("meeting.status.text", lang, objective=_objective(brief, s.objective_id, lang), series=series,
                 before=_status(s.before, lang), after=_status(s.after, lang), numbers=numbers).strip()
        tone = {"better": "good", "worse": "bad"}.get(s.trend, "neutral")
        target = (s.after.target_year, s.after.target_value) if s.after.target_value is not None else None
        before_period = s.before.latest_period if s.before is not None else None
        items["status"].append(Item("status", text, s.link, tone, s.is_example,
                                    s.key if s.key in brief.series else None, before_period, target,
                                    label=t(f"meeting.trend.{s.trend}", lang)))
    for key, found in (("signals", brief.new_signals), ("resolved", brief.resolved_signals)):
        for c in found:
            if c.signal.is_example and not examples:
                continue
            items[key].append(Item(key, signal_text(c.signal, brief, lang), c.link,
                                   "bad" if key == "signals" else "good", c.signal.is_example,
                                   label=t(f"policy.rule.{c.signal.rule}", lang)))
    for u in brief.updates:
        if u.is_example and not examples:
            continue
        fields = "; ".join(f"{f}: {old or '–'} → {new or '–'}" for f, old, new in u.fields if f != "id")
        text = t("meeting.update.text", lang, entity=t(f"policy.entity.{u.entity}", lang), name=u.entity_id,
                 action=t(f"meeting.action.{u.action}", lang), who=u.who, at=u.at[:16].replace("T", " "),
                 fields=fields)
        items["updates"].append(Item("updates", text, u.link, "neutral", u.is_example,
                                     label=t(f"meeting.action.{u.action}", lang)))
    rel = fmt_number(NOTABLE_RELATIVE * 100, lang, 0) + (" %" if lang == "nl" else "%")
    return [
        Section(k, t(f"meeting.section.{k}", lang),
                t(f"meeting.intro.{k}", lang, pp=fmt_number(NOTABLE_PP, lang, 1), rel=rel),
                t(f"meeting.none.{k}", lang), items[k])
        for k in SECTIONS
    ]


def item_key(text: str) -> str:
    """A brief item's key as an agenda item records it (`subject_id`): its Dutch text, hashed."""
    import hashlib

    return hashlib.sha1(text.replace("**", "").encode()).hexdigest()[:12]


SECTION_OF_KIND = {"action_items": "actions", "data_signal": "signals", "status_change": "status"}


def agenda_slides(brief: Brief, lang: str, *, examples: bool = True) -> list[tuple[dict | None, Section | None,
                                                                                      Item | None]]:
    """The brief in the order of the next meeting's agenda: each agenda item, followed by the brief items it
    covers (all open action items; the data signal or status change it was made from); then every brief
    item no agenda item covered, in the brief's order. Without an agenda: the brief's order."""
    secs = sections(brief, lang, examples=examples)
    if not brief.agenda:
        return [(None, sec, item) for sec in secs for item in sec.items]
    dutch = {sec.key: sec.items for sec in sections(brief, "nl", examples=examples)}
    by_key = {sec.key: sec for sec in secs}
    used: set[tuple[str, int]] = set()
    out: list[tuple[dict | None, Section | None, Item | None]] = []
    for a in brief.agenda:
        if a.get("is_example") and not examples:
            continue
        out.append((a, None, None))
        key = SECTION_OF_KIND.get(a.get("kind") or "")
        if key is None:
            continue
        for i, item in enumerate(dutch[key]):
            if (key, i) in used or (key != "actions" and item_key(item.text) != a.get("subject_id")):
                continue
            used.add((key, i))
            out.append((a, by_key[key], by_key[key].items[i]))
    out += [(None, sec, item) for sec in secs for i, item in enumerate(sec.items) if (sec.key, i) not in used]
    return out


def compared(brief: Brief, lang: str) -> str:
    """Which two warehouses the brief compares (the previous one may predate the history: none)."""
    if not brief.previous_label:  # first install: one plain sentence, no build ids
        return t("meeting.compared_first", lang, since=day(brief.since, lang))
    return t("meeting.compared", lang, since=day(brief.since, lang), current=brief.current_label,
             previous=brief.previous_label)


def hidden_examples(brief: Brief) -> int:
    actions, changed = cycle_items(brief, "nl")
    return (sum(m.is_example for m in brief.moves) + sum(s.is_example for s in brief.status_changes)
            + sum(c.signal.is_example for c in brief.new_signals + brief.resolved_signals)
            + sum(u.is_example for u in brief.updates) + sum(i.is_example for i in actions + changed))


def summary(brief: Brief, lang: str, *, examples: bool = True) -> str:
    n = {s.key: len(s.items) for s in sections(brief, lang, examples=examples)}
    n["releases"] = sum(r.kind != "unknown" for r in brief.releases)
    return t("meeting.summary", lang, releases=n["releases"], moves=n["moves"], status=n["status"],
             signals=n["signals"], updates=n["updates"])


# --------------------------------------------------------------------------- tables (CSV, Excel)


def _c(key: str, lang: str) -> str:
    return t(f"meeting.col.{key}", lang)


def _unit(brief: Brief, indicator_id: str) -> str:
    return (brief.indicators.get(indicator_id) or {}).get("unit", "")


def _shown_change(diff: float, unit: str) -> float:
    """A change as `change_text` writes it: percentage points of a rate with one decimal, else as the unit."""
    return round(diff, 1) if unit == "%" else shown(abs(diff), unit) * (1 if diff >= 0 else -1)


def tables(brief: Brief, lang: str, *, examples: bool = True, base_url: str = ".") -> dict[str, pd.DataFrame]:
    """One table per section, headers in `lang`; numbers stay numbers (Excel keeps them as numbers) rounded as
    the page shows them (`shown`), each row's unit in its own column since one table mixes units."""
    c = lambda k: _c(k, lang)  # noqa: E731
    rel = []
    for r in brief.releases:
        rel.append({c("source"): _source_name(brief, r.source_id, lang),
                    c("kind"): t(f"meeting.release.kind.{r.kind}", lang), c("new_periods"): ", ".join(r.new_periods),
                    c("indicators"): ", ".join(_ind_name(brief, i, lang) for i in r.indicators), c("snapshot_before"): r.snapshot_before,
                    c("snapshot_now"): r.snapshot_now, c("link"): r.link.url(lang, base_url)})
    mv = []
    for m in brief.moves:
        if m.is_example and not examples:
            continue
        mv.append({c("indicator"): _ind_name(brief, m.key.indicator_id, lang),
                   c("area"): area(brief, m.key, lang), c("unit"): unit_label(m.unit, lang), c("period_before"): m.period_before,
                   c("value_before"): shown(m.value_before, m.unit), c("period_now"): m.period_now,
                   c("value_now"): shown(m.value_now, m.unit), c("change"): _shown_change(m.change, m.unit),
                   # a rate changes in percentage points only: no relative % of a rate, as on screen
                   c("change_pct"): None if m.change_relative is None or m.unit == "%"
                   else round(m.change_relative * 100, 1),
                   c("assessment"): t(f"meeting.assess.label.{m.assessment}", lang),
                   c("objectives"): "; ".join(_objective(brief, o, lang) for o in m.objectives),
                   c("is_example"): m.is_example,
                   c("source"): _source_name(brief, (brief.indicators.get(m.key.indicator_id) or {}).get("source_id", ""), lang),
                   c("link"): m.link.url(lang, base_url)})
    st_ = []
    for s in brief.status_changes:
        if s.is_example and not examples:
            continue
        st_.append({c("objective"): _objective(brief, s.objective_id, lang),
                    c("indicator"): _ind_name(brief, s.indicator_id, lang), c("area"): area(brief, s.key, lang),
                    c("status_before"): _status(s.before, lang), c("status_now"): _status(s.after, lang),
                    c("trend"): t(f"meeting.trend.{s.trend}", lang),
                    c("unit"): unit_label(_unit(brief, s.indicator_id), lang),
                    c("period_before"): s.before.latest_period if s.before else None,
                    c("latest_before"): shown(s.before.latest_value, _unit(brief, s.indicator_id)) if s.before else None,
                    c("period_now"): s.after.latest_period,
                    c("latest_now"): shown(s.after.latest_value, _unit(brief, s.indicator_id)),
                    c("is_example"): s.is_example, c("link"): s.link.url(lang, base_url)})
    sig = {}
    for key, found in (("signals", brief.new_signals), ("resolved", brief.resolved_signals)):
        sig[key] = [
            {c("rule"): t(f"policy.rule.{x.signal.rule}", lang),
             c("finding"): signal_text(x.signal, brief, lang).replace("**", ""),
             c("score"): round(x.signal.score, 2), c("is_example"): x.signal.is_example,
             c("link"): x.link.url(lang, base_url)}
            for x in found if examples or not x.signal.is_example
        ]
    up = [
        {c("at"): u.at, c("who"): u.who, c("entity"): t(f"policy.entity.{u.entity}", lang), c("record"): u.entity_id,
         c("action"): t(f"meeting.action.{u.action}", lang),
         c("fields"): "; ".join(f"{f}: {o or '–'} → {n or '–'}" for f, o, n in u.fields if f != "id"),
         c("is_example"): u.is_example, c("link"): u.link.url(lang, base_url)}
        for u in brief.updates if examples or not u.is_example
    ]
    actions, changed = cycle_items(brief, lang, examples=examples)
    act = [
        {c("action_item"): _loc(a, "title", lang), c("owner"): brief.partners.get(a.get("owner_partner_id") or ""),
         c("due_date"): a.get("due_date"), c("action_status"): t(f"cycle.action_status.{a['status']}", lang),
         c("overdue"): a["overdue"], c("is_example"): bool(a["is_example"]),
         c("link"): Link.make(*AGENDA_LINK, meeting=a["meeting_id"]).url(lang, base_url)}
        for a in brief.open_actions if examples or not a["is_example"]
    ]
    cyc = [{c("change_kind"): i.label, c("what"): i.text.replace("**", ""), c("is_example"): i.is_example,
            c("link"): i.link.url(lang, base_url)} for i in changed]
    cols = {
        "actions": ["action_item", "owner", "due_date", "action_status", "overdue", "is_example", "link"],
        "cycle": ["change_kind", "what", "is_example", "link"],
        "releases": ["source", "kind", "new_periods", "indicators", "snapshot_before", "snapshot_now", "link"],
        "moves": ["indicator", "area", "unit", "period_before", "value_before", "period_now",
                  "value_now", "change", "change_pct", "assessment", "objectives", "is_example", "source", "link"],
        "status": ["objective", "indicator", "area", "status_before", "status_now", "trend", "unit",
                   "period_before", "latest_before", "period_now", "latest_now", "is_example", "link"],
        "signals": ["rule", "finding", "score", "is_example", "link"],
        "resolved": ["rule", "finding", "score", "is_example", "link"],
        "updates": ["at", "who", "entity", "record", "action", "fields", "is_example", "link"],
    }
    rows = {"actions": act, "cycle": cyc, "releases": rel, "moves": mv, "status": st_, "signals": sig["signals"], "resolved": sig["resolved"],
            "updates": up}
    return {k: pd.DataFrame(rows[k], columns=[c(x) for x in cols[k]]) for k in SECTIONS}


def sheet_names(lang: str) -> dict[str, str]:
    return {k: t(f"meeting.sheet.{k}", lang)[:31] for k in SECTIONS}


def cited_sources(brief: Brief) -> list[str]:
    """Sources behind the brief's items (releases, moves, statuses, signals), in a stable order."""
    out: list[str] = [r.source_id for r in brief.releases]
    out += [(brief.indicators.get(m.key.indicator_id) or {}).get("source_id") for m in brief.moves]
    out += [(brief.indicators.get(s.indicator_id) or {}).get("source_id") for s in brief.status_changes]
    out += [e["source_id"] for c in brief.new_signals + brief.resolved_signals for e in c.signal.evidence]
    return [s for s in dict.fromkeys(out) if s and s in brief.source_meta]


def metadata(brief: Brief, lang: str, view_link: str = "") -> dict[str, str]:
    """The metadata sheet: what the brief compares, how, and where every figure comes from."""
    rel = fmt_number(NOTABLE_RELATIVE * 100, lang, 0) + (" %" if lang == "nl" else "%")
    out = {
        t("meeting.meta.title", lang): t("meeting.pdf.subtitle", lang, date=day(brief.since, lang)),
        t("meeting.meta.since", lang): brief.since.isoformat(),
        t("meeting.meta.previous", lang): brief.previous_label or t("meeting.no_build", lang),
        t("meeting.meta.current", lang): brief.current_label,
        t("meeting.meta.generated", lang): brief.generated_at,
        t("meeting.meta.method", lang): t("meeting.method", lang, pp=fmt_number(NOTABLE_PP, lang, 1), rel=rel),
        t("meeting.meta.examples", lang): t("meeting.examples_note", lang),
    }
    if view_link:
        out[t("export.link", lang)] = view_link
    if brief.unknown_sources:
        out[t("meeting.meta.unknown", lang)] = ", ".join(brief.unknown_sources)
    # Overdue sources and failed fetches: here, so the releases sheet keeps one row per source.
    for i, text in enumerate(freshness_texts(brief, lang), start=1):
        out[f"{t('meeting.meta.freshness', lang)} {i}"] = text
    for i, sid in enumerate(cited_sources(brief), start=1):
        m = brief.source_meta[sid]
        out[f"{t('meeting.meta.source', lang)} {i}"] = (
            f"{_source_name(brief, sid, lang)} · {m.get('licence') or ''} · {m.get('url') or ''}")
    return out
