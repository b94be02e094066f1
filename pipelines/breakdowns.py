"""The one breakdown vocabulary: every breakdown code a source may emit, with its NL/EN labels.

Why one module: sources emit codes only (`breakdown`, `breakdown_value` in their observations) and
the labels a reader sees are said once, here, so two sources can never label the same category
differently. Before, 23 codes were declared by two to four sources, and the warehouse silently kept
the first label. Now the contract test (tests/test_source_contract.py) and the build reject a code
that is not listed here, and the build refuses a label a source still declares that differs from
this one.

The codes and labels are a table, `pipelines/breakdowns.csv` (breakdown, value, label_nl, label_en,
sort_order), read here once. To add a category: add a row next to its breakdown's other rows
(sort_order orders the categories of one breakdown on screen; Dutch and English labels are both
required). Reuse an existing code when the category is the same thing (e.g. `sex`/`women`,
`education`/`low`); when it is not (e.g. a different age band), give it its own code.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

TOTAL = "total"
# Breakdowns whose values are geography codes (NIS): they are labelled by the `geographies` table.
GEO_BREAKDOWNS = frozenset({"residence"})


@dataclass(frozen=True)
class BreakdownLabel:
    """Human labels for a breakdown category code (e.g. origin=non_eu -> "Niet-EU-herkomst")."""

    breakdown: str
    value: str
    label_nl: str
    label_en: str
    sort_order: int = 0


VOCABULARY_FILE = Path(__file__).with_name("breakdowns.csv")


def _read(path: Path) -> tuple[BreakdownLabel, ...]:
    """The vocabulary file, a row per category; a table so an analyst edits data, not code."""
    with path.open(encoding="utf-8", newline="") as f:
        return tuple(
            BreakdownLabel(
                row["breakdown"],
                row["value"],
                row["label_nl"],
                row["label_en"],
                int(row["sort_order"]),
            )
            for row in csv.DictReader(f)
        )


VOCABULARY: tuple[BreakdownLabel, ...] = _read(VOCABULARY_FILE)


class VocabularyError(ValueError):
    """Two labels for one code, or a code without a label: refused, never resolved silently."""


def _index(labels: tuple[BreakdownLabel, ...]) -> dict[tuple[str, str], BreakdownLabel]:
    index: dict[tuple[str, str], BreakdownLabel] = {}
    for lab in labels:
        key = (lab.breakdown, lab.value)
        if not (lab.label_nl.strip() and lab.label_en.strip()):
            raise VocabularyError(f"breakdown {key[0]}={key[1]} needs a Dutch and an English label")
        if key in index and index[key] != lab:
            raise VocabularyError(
                f"breakdown {key[0]}={key[1]} is labelled twice: {index[key]} and {lab}"
            )
        index[key] = lab
    return index


LABELS: dict[tuple[str, str], BreakdownLabel] = _index(VOCABULARY)


def is_known(breakdown: str, value: str) -> bool:
    return (breakdown, value) in LABELS or breakdown in GEO_BREAKDOWNS


def unknown_codes(pairs) -> list[str]:
    """`breakdown=value` for every (breakdown, value) pair that is not in the vocabulary, sorted."""
    return sorted({f"{b}={v}" for b, v in pairs if not is_known(b, v)})


def conflicts(declared) -> list[str]:
    """Labels a source declares itself (the old `breakdown_labels`) that differ from, or are missing
    in, the vocabulary: the build refuses them instead of keeping either silently."""
    out = []
    for lab in declared:
        ours = LABELS.get((lab.breakdown, lab.value))
        if ours is None:
            out.append(f"{lab.breakdown}={lab.value} is not in pipelines/breakdowns.csv")
        elif (ours.label_nl, ours.label_en, ours.sort_order) != (
            lab.label_nl,
            lab.label_en,
            lab.sort_order,
        ):
            out.append(
                f"{lab.breakdown}={lab.value} labelled {lab.label_nl!r}/{lab.label_en!r}/{lab.sort_order}, "
                f"but pipelines/breakdowns.csv says {ours.label_nl!r}/{ours.label_en!r}/{ours.sort_order}"
            )
    return out
