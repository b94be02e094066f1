"""Statbel REFNIS code list above municipality level: country, regions, provinces, arrondissements.

Why a source of its own: every observation must join to a geography with a name and a
parent, and the census commuting matrix uses arrondissement codes that no other file names.
The shipped snapshot is a transcription of the REFNIS levels (codes as used by the census
2011 matrix); the live fetch downloads Statbel's own TU_COM_REFNIS list.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.freshness import ReleaseRhythm
from pipelines.nis import PROVINCES
from pipelines.nis import level_of
from pipelines.source import RawFile
from pipelines.source import Source
from pipelines.source import SourceError
from pipelines.source import observations_frame

NAMES_EN = {
    "01000": "Belgium",
    "02000": "Flemish Region",
    "03000": "Walloon Region",
    "04000": "Brussels-Capital Region",
}
# NUTS 2016 codes (the version of the shipped Eurostat data). Each pair is the official NUTS label
# matched to the REFNIS name (pipelines/eurostat.py); tests/sources/test_eurostat_nama_10r_3empers.py
# recomputes every pair from the labels. NUTS 2021 recoded Limburg's and Hainaut's arrondissements.
# Arr. Verviers (63000) has none: NUTS splits it into BE335 and BE336.
NUTS = {
    "01000": "BE", "02000": "BE2", "03000": "BE3", "04000": "BE1", "21000": "BE100",
    "10000": "BE21", "11000": "BE211", "12000": "BE212", "13000": "BE213",
    "70000": "BE22", "71000": "BE221", "72000": "BE222", "73000": "BE223",
    "40000": "BE23", "41000": "BE231", "42000": "BE232", "43000": "BE233", "44000": "BE234", "45000": "BE235",
    "46000": "BE236",
    "20001": "BE24", "23000": "BE241", "24000": "BE242",
    "30000": "BE25", "31000": "BE251", "32000": "BE252", "33000": "BE253", "34000": "BE254", "35000": "BE255",
    "36000": "BE256", "37000": "BE257", "38000": "BE258",
    "20002": "BE31", "25000": "BE310",
    "50000": "BE32", "51000": "BE321", "52000": "BE322", "53000": "BE323", "54000": "BE324", "55000": "BE325",
    "56000": "BE326", "57000": "BE327",
    "60000": "BE33", "61000": "BE331", "62000": "BE332", "64000": "BE334",
    "80000": "BE34", "81000": "BE341", "82000": "BE342", "83000": "BE343", "84000": "BE344", "85000": "BE345",
    "90000": "BE35", "91000": "BE351", "92000": "BE352", "93000": "BE353",
}


class ReferenceGeographies(Source):
    name = "reference_geographies"
    title_nl = "REFNIS-codes: gewesten, provincies, arrondissementen"
    title_en = "REFNIS codes: regions, provinces, arrondissements"
    publisher = "Statbel (Belgian statistical office)"
    licence = "Statbel open data (Licence Open Data, CC BY 4.0 compatible)"
    url = "https://statbel.fgov.be/nl/over-statbel/methodologie/classificaties/geografie"
    period_covered = "codes valid for 2011-2025"
    release_rhythm = ReleaseRhythm("irregular")  # codes change only with municipal mergers
    caveats = (
        "Shipped snapshot is a transcription of the REFNIS levels above municipality; "
        "arrondissement 54000 (Moeskroen) existed until 2018, 58000 (La Louvière) from 2019."
    )
    files = (
        RawFile(
            "TU_COM_REFNIS_levels.txt",
            "https://statbel.fgov.be/sites/default/files/files/opendata/REFNIS%20code/TU_COM_REFNIS.zip",
            "REFNIS code list, pipe-separated",
        ),
    )
    indicators = ()

    def fetch(self, session, dest: Path) -> list[Path]:
        """Statbel ships the list as a zip holding one pipe-separated .txt, opened through `safezip`
        (bomb, traversal and link checks) like every zip."""
        from pipelines import safezip
        from pipelines.http import download

        archive = download(session, self.files[0].url, dest / "TU_COM_REFNIS.zip", source=self.name)
        target = dest / self.files[0].name
        try:
            safezip.check_archive(archive, source=self.name)
            members = [i.filename for i in safezip.check(archive, source=self.name)
                       if i.filename.lower().endswith(".txt") and "/" not in i.filename]
            if not members:
                raise SourceError(self.name, "zip holds no .txt member", archive)
            target.write_bytes(safezip.read_bytes(archive, members[0], source=self.name))
        finally:
            archive.unlink(missing_ok=True)
        return [target]

    def parse(self, snapshot: Path) -> pd.DataFrame:
        return observations_frame([])

    def geographies(self, snapshot: Path) -> pd.DataFrame:
        path = snapshot / self.files[0].name
        try:
            raw = pd.read_csv(path, sep="|", dtype=str, encoding="utf-8-sig").fillna("")
        except (OSError, ValueError) as exc:
            raise SourceError(self.name, f"cannot read REFNIS list: {exc}", path) from exc
        needed = {"CD_REFNIS", "CD_SUP_REFNIS", "TX_REFNIS_NL", "TX_REFNIS_FR"}
        if not needed <= set(raw.columns):
            raise SourceError(self.name, f"missing column(s) {sorted(needed - set(raw.columns))}", path)
        raw = raw[raw["CD_REFNIS"].str.endswith("000") | raw["CD_REFNIS"].isin(PROVINCES)]
        return pd.DataFrame(
            {
                "geo_code": raw["CD_REFNIS"],
                "level": raw["CD_REFNIS"].map(level_of),
                "parent_code": raw["CD_SUP_REFNIS"].replace("", None),
                "name_nl": raw["TX_REFNIS_NL"],
                "name_fr": raw["TX_REFNIS_FR"],
                "name_en": raw["CD_REFNIS"].map(NAMES_EN),
                "nuts_code": raw["CD_REFNIS"].map(NUTS),
            }
        ).reset_index(drop=True)


SOURCE = ReferenceGeographies()
