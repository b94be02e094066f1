"""Census 2011 commuting matrix between the 43 Belgian arrondissements (Statbel, via UGent).

Why this source: it is the only shippable origin-destination table for Belgium, so it is
where "who works in Arr. Gent but lives elsewhere" comes from. Rows are the arrondissement
of residence, columns the arrondissement of work, values employed persons on 1 Jan 2011.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.freshness import ReleaseRhythm
from pipelines.source import Indicator
from pipelines.source import RawFile
from pipelines.source import Source
from pipelines.source import SourceError
from pipelines.source import observations_frame

FILE = "recurrent_mobility.csv"
COMMIT = "af527ccb23517d4816aa6e02463cd26136cc32cd"
RAW_URL = (
    f"https://raw.githubusercontent.com/UGentBiomath/COVID19-Model/{COMMIT}/"
    "data/covid19_DTM/interim/census_2011/recurrent_mobility.csv"
)
PERIOD = "2011"
REF_DATE = "2011-01-01"
BELGIUM = "01000"
FLANDERS, WALLONIA, BRUSSELS = "02000", "03000", "04000"
RESIDENCE = "residence"
_CODE = re.compile(r"^\d{5}$")


def region_of(arrondissement: str) -> str:
    """REFNIS arrondissement code -> region code (2011 codes: 21000 is Brussels-Capital)."""
    if arrondissement == "21000":
        return BRUSSELS
    if arrondissement.startswith(("1", "23", "24", "3", "4", "7")):
        return FLANDERS
    return WALLONIA


_REGION_NOTE_NL = (
    " Voor een gewest: werkenden in het gewest die in een ander gewest wonen (pendel tussen de "
    "arrondissementen van hetzelfde gewest telt niet mee). Voor België: niet van toepassing (de census "
    "telt enkel inwoners van België)."
)
_REGION_NOTE_EN = (
    " For a region: persons working in the region who live in another region (commuting between "
    "arrondissements of the same region does not count). For Belgium: not applicable (the census only "
    "counts residents of Belgium)."
)
_SCOPE_NL = (
    "Enkel werkenden die in België wonen en van wie de werkplaats in België bekend is "
    "(grensarbeiders uit het buitenland en onbekende werkplaats niet meegeteld)."
)
_SCOPE_EN = (
    "Only employed persons living in Belgium whose place of work in Belgium is known "
    "(cross-border workers from abroad and unknown workplaces are not counted)."
)


def _notes(nl: str, en: str) -> str:
    return f"NL: {nl} {_SCOPE_NL} EN: {en} {_SCOPE_EN}"


def _ind(**fields) -> Indicator:
    """Every indicator of the matrix: a census count or share on 1 January 2011, neither good nor bad."""
    return Indicator(direction="neutral", period_type="year", period_kind="census", **fields)


INDICATORS = (
    _ind(
        id="commuters",
        name_nl="Pendelaars tussen arrondissementen (census 2011)",
        name_en="Commuters between arrondissements (census 2011)",
        definition_nl=(
            "Aantal werkenden dat in het arrondissement van de uitsplitsing woont en in het "
            "arrondissement van de geografie werkt, op 1 januari 2011."
        ),
        definition_en=(
            "Number of employed persons living in the breakdown's arrondissement and working in the "
            "geography's arrondissement, on 1 January 2011."
        ),
        unit="persons",
        numerator="werkenden per (woonarrondissement, werkarrondissement) / employed persons per (residence, work) pair",
        denominator="",
        notes=_notes(
            "geo_code = arrondissement van de werkplaats; breakdown 'residence' met als waarde de "
            "NIS-code van het woonarrondissement. De diagonaal (wonen en werken in hetzelfde "
            "arrondissement) is inbegrepen.",
            "geo_code = arrondissement of work; breakdown 'residence' whose value is the NIS code of "
            "the arrondissement of residence. The diagonal (live and work in the same arrondissement) "
            "is included.",
        ),
    ),
    _ind(
        id="employed_at_workplace",
        name_nl="Werkenden naar plaats van tewerkstelling",
        name_en="Employed persons by place of work",
        definition_nl="Aantal werkenden met hun werkplaats in het gebied (banen ingenomen), ongeacht waar ze wonen.",
        definition_en="Number of employed persons whose place of work is in the area (jobs held), wherever they live.",
        unit="persons",
        numerator="kolomsom van de pendelmatrix / column sum of the commuting matrix",
        denominator="",
        notes=_notes(
            "Kolomsom van de matrix (inclusief wie in hetzelfde arrondissement woont). Voor de "
            "gewesten en België: som over hun arrondissementen.",
            "Column sum of the matrix (including those living in the same arrondissement). For regions "
            "and Belgium: summed over their arrondissements.",
        ),
    ),
    _ind(
        id="employed_residents",
        name_nl="Werkende inwoners (naar woonplaats)",
        name_en="Employed residents (by place of residence)",
        definition_nl="Aantal werkenden dat in het arrondissement woont, ongeacht waar ze in België werken.",
        definition_en="Number of employed persons living in the arrondissement, wherever in Belgium they work.",
        unit="persons",
        numerator="rijsom van de pendelmatrix / row sum of the commuting matrix",
        denominator="",
        notes=_notes(
            "Rijsom van de matrix; enkel arrondissementen.",
            "Row sum of the matrix; arrondissements only.",
        ),
    ),
    _ind(
        id="in_commuters",
        name_nl="Inkomende pendelaars",
        name_en="In-commuters",
        definition_nl="Werkenden met hun werkplaats in het gebied die in een ander arrondissement wonen.",
        definition_en="Employed persons working in the area who live in another arrondissement.",
        unit="persons",
        numerator="kolomsom min diagonaal / column sum minus diagonal",
        denominator="",
        notes=_notes(
            "Kolomsom min de diagonaal." + _REGION_NOTE_NL,
            "Column sum minus the diagonal." + _REGION_NOTE_EN,
        ),
    ),
    _ind(
        id="out_commuters",
        name_nl="Uitgaande pendelaars",
        name_en="Out-commuters",
        definition_nl="Werkende inwoners van het arrondissement die in een ander arrondissement werken.",
        definition_en="Employed residents of the arrondissement who work in another arrondissement.",
        unit="persons",
        numerator="rijsom min diagonaal / row sum minus diagonal",
        denominator="",
        notes=_notes("Rijsom min de diagonaal; enkel arrondissementen.", "Row sum minus the diagonal; arrondissements only."),
    ),
    _ind(
        id="in_commuter_share",
        name_nl="Aandeel inkomende pendelaars",
        name_en="In-commuter share",
        definition_nl=(
            "Aandeel van de banen in het gebied dat ingenomen wordt door inwoners van een ander arrondissement."
        ),
        definition_en="Share of the jobs located in the area held by residents of another arrondissement.",
        unit="%",
        numerator="in_commuters",
        denominator="employed_at_workplace",
        notes=_notes(
            "in_commuters / employed_at_workplace × 100." + _REGION_NOTE_NL,
            "in_commuters / employed_at_workplace × 100." + _REGION_NOTE_EN,
        ),
    ),
    _ind(
        id="out_commuter_share",
        name_nl="Aandeel uitgaande pendelaars",
        name_en="Out-commuter share",
        definition_nl="Aandeel van de werkende inwoners dat in een ander arrondissement werkt.",
        definition_en="Share of the employed residents who work in another arrondissement.",
        unit="%",
        numerator="out_commuters",
        denominator="employed_residents",
        notes=_notes(
            "out_commuters / employed_residents × 100; enkel arrondissementen.",
            "out_commuters / employed_residents × 100; arrondissements only.",
        ),
    ),
)


def read_matrix(path: Path, source: str = "census2011_commuting") -> pd.DataFrame:
    """Read and check the square matrix; any layout surprise is a SourceError naming the file."""
    try:
        raw = pd.read_csv(path, index_col=0, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as exc:
        raise SourceError(source, f"cannot read commuting matrix: {exc}", path) from exc
    if raw.empty:
        raise SourceError(source, "commuting matrix is empty", path)
    rows = [str(c).strip() for c in raw.index]
    cols = [str(c).strip() for c in raw.columns]
    if len(rows) != len(cols):
        raise SourceError(source, f"matrix is not square: {len(rows)} rows x {len(cols)} columns", path)
    bad = sorted({c for c in rows + cols if not _CODE.match(c)})
    if bad:
        raise SourceError(source, f"row/column labels are not 5-digit NIS codes: {bad[:5]}", path)
    if len(set(rows)) != len(rows) or len(set(cols)) != len(cols):
        raise SourceError(source, "duplicate row or column codes", path)
    if set(rows) != set(cols):
        diff = sorted(set(rows) ^ set(cols))
        raise SourceError(source, f"row and column codes differ: {diff[:5]}", path)
    raw.index, raw.columns = rows, cols
    raw = raw[rows]  # same order both ways, so the diagonal is the diagonal
    values = raw.apply(lambda s: pd.to_numeric(s.str.strip(), errors="coerce"))
    invalid = ~np.isfinite(values.astype("float64"))
    if invalid.any().any():
        r, c = next((r, c) for c in values.columns for r in values.index[invalid[c]])
        cell = raw.loc[r, c].strip()
        what = "empty cell" if not cell else f"non-numeric value {cell!r}"
        raise SourceError(source, f"{what} at row {r}, column {c}", path)
    if (values < 0).any().any():
        r, c = next((r, c) for c in values.columns for r in values.index[values[c] < 0])
        raise SourceError(source, f"negative value {values.loc[r, c]} at row {r}, column {c}", path)
    return values.astype("float64")


def summarise(matrix: pd.DataFrame) -> pd.DataFrame:
    """Per-arrondissement totals (index = code); regions are aggregated separately."""
    diag = pd.Series([matrix.loc[c, c] for c in matrix.index], index=matrix.index)
    out = pd.DataFrame(
        {
            "employed_at_workplace": matrix.sum(axis=0),
            "employed_residents": matrix.sum(axis=1),
        }
    )
    out["in_commuters"] = out["employed_at_workplace"] - diag
    out["out_commuters"] = out["employed_residents"] - diag
    return out


def _share(part: float, whole: float) -> tuple[float | None, str | None]:
    return (part / whole * 100, None) if whole > 0 else (None, "not_applicable")


class Census2011Commuting(Source):
    name = "census2011_commuting"
    title_nl = "Pendelmatrix arrondissementen, census 2011"
    title_en = "Commuting matrix between arrondissements, census 2011"
    publisher = "Statbel (census 2011), matrix extracted by UGent BioMath (COVID19-Model)"
    licence = "Statbel open data; the extracting repository states no licence for this file (unverified)"
    url = "https://census2011.fgov.be/download/downloads_nl.html"
    attribution = "Statbel, Census 2011 (Pop_LPW_NL_25FEB15.xlsx); extracted by UGent BioMath, COVID19-Model"
    period_covered = "1 January 2011"
    release_rhythm = ReleaseRhythm("closed")  # the 2011 census: a one-off
    caveats = (
        "43x43 matrix extracted by the UGent COVID19-Model authors from Statbel's census 2011 file "
        "Pop_LPW_NL_25FEB15.xlsx; persons with an unknown place of work or working abroad were removed by them, "
        "and cross-border workers living abroad are not in the census. The orientation (rows = arrondissement of "
        "residence, columns = arrondissement of work) is taken from the repository's README and file names and "
        "was not verified against Statbel. Arrondissement codes are those of 2011 (54000 Moeskroen still exists). "
        "Regional in-commuters are those living in another region (commuting between arrondissements of the "
        "same region is not in-commuting into the region); Belgium has no in-commuters in this matrix."
    )
    files = (RawFile(FILE, RAW_URL, "43x43 matrix, rows = residence, columns = work (NIS arrondissement codes)"),)
    indicators = INDICATORS

    def parse(self, snapshot: Path) -> pd.DataFrame:
        matrix = read_matrix(snapshot / FILE, self.name)
        base = {"period": PERIOD, "ref_date": REF_DATE}
        rows: list[dict] = []
        for work in matrix.columns:
            for home in matrix.index:
                rows.append(
                    {**base, "indicator_id": "commuters", "geo_code": work, "breakdown": RESIDENCE,
                     "breakdown_value": home, "value": matrix.loc[home, work]}
                )
        summary = summarise(matrix)
        for code, s in summary.iterrows():
            for ind in ("employed_at_workplace", "employed_residents", "in_commuters", "out_commuters"):
                rows.append({**base, "indicator_id": ind, "geo_code": code, "value": s[ind]})
            for ind, part, whole in (
                ("in_commuter_share", "in_commuters", "employed_at_workplace"),
                ("out_commuter_share", "out_commuters", "employed_residents"),
            ):
                value, status = _share(s[part], s[whole])
                rows.append({**base, "indicator_id": ind, "geo_code": code, "value": value, "status": status})
        # Regions: jobs summed over their arrondissements; in-commuters are those living in ANOTHER region
        # (a Ghent resident working in Antwerp is not in-commuting into the Flemish Region).
        region = matrix.index.map(region_of)
        jobs = matrix.sum(axis=0).groupby(matrix.columns.map(region_of)).sum()
        incoming = {r: matrix.loc[region != r, matrix.columns.map(region_of) == r].to_numpy().sum() for r in jobs.index}
        groups = pd.DataFrame({"employed_at_workplace": jobs, "in_commuters": pd.Series(incoming)})
        groups.loc[BELGIUM] = [matrix.to_numpy().sum(), float("nan")]  # the matrix has no residents abroad
        for code, s in groups.iterrows():
            if pd.isna(s["in_commuters"]):
                rows += [
                    {**base, "indicator_id": "employed_at_workplace", "geo_code": code, "value": s["employed_at_workplace"]},
                    {**base, "indicator_id": "in_commuters", "geo_code": code, "value": None, "status": "not_applicable"},
                    {**base, "indicator_id": "in_commuter_share", "geo_code": code, "value": None,
                     "status": "not_applicable"},
                ]
                continue
            value, status = _share(s["in_commuters"], s["employed_at_workplace"])
            rows += [
                {**base, "indicator_id": "employed_at_workplace", "geo_code": code, "value": s["employed_at_workplace"]},
                {**base, "indicator_id": "in_commuters", "geo_code": code, "value": s["in_commuters"]},
                {**base, "indicator_id": "in_commuter_share", "geo_code": code, "value": value, "status": status},
            ]
        return observations_frame(rows)


SOURCE = Census2011Commuting()
