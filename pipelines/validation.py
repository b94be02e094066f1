"""Validation of parser output before anything reaches the warehouse.

The schema is declared with pandera so the rules read as a list; failures are turned into
one SourceError that names the source, the file and the first offending rows.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pandera.pandas as pa

from pipelines.source import (
    DIRECTIONS,
    GEO_LEVELS,
    PERIOD_TYPES,
    STATUSES,
    UNITS,
    Source,
    SourceError,
)

KEY = ["indicator_id", "geo_code", "period", "breakdown", "breakdown_value"]

OBSERVATION_SCHEMA = pa.DataFrameSchema(
    {
        "indicator_id": pa.Column(str, nullable=False),
        "geo_code": pa.Column(str, pa.Check.str_length(min_value=1), nullable=False),
        "period": pa.Column(str, pa.Check.str_matches(r"^\d{4}(-\d{2}(-\d{2})?)?$"), nullable=False),
        "ref_date": pa.Column(object, nullable=False),
        "breakdown": pa.Column(str, nullable=False),
        "breakdown_value": pa.Column(str, nullable=False),
        "value": pa.Column(float, nullable=True),
        "status": pa.Column(object, pa.Check.isin(STATUSES), nullable=True),
    },
    checks=[
        pa.Check(lambda df: df["value"].notna() | df["status"].notna(), error="value is empty without a status"),
    ],
    unique=KEY,
    strict=True,
    report_duplicates="all",
)


def validate_indicators(source: Source) -> None:
    for ind in source.indicators:
        problems = []
        if ind.unit not in UNITS:
            problems.append(f"unit {ind.unit!r} not in {UNITS}")
        if ind.direction not in DIRECTIONS:
            problems.append(f"direction {ind.direction!r} not in {DIRECTIONS}")
        if ind.period_type not in PERIOD_TYPES:
            problems.append(f"period_type {ind.period_type!r} not in {PERIOD_TYPES}")
        if not (ind.definition_nl and ind.definition_en and ind.name_nl and ind.name_en):
            problems.append("name and definition are required in Dutch and English")
        if problems:
            raise SourceError(source.name, f"indicator {ind.id}: " + "; ".join(problems))


def validate_observations(
    source: Source, df: pd.DataFrame, *, file: str, known_geos: set[str], today: date | None = None
) -> pd.DataFrame:
    """Schema + meaning checks: known indicators and geographies, plausible values, no future periods."""
    today = today or date.today()
    if df.empty and not source.indicators:
        return df  # a reference source that only defines geographies
    try:
        df = OBSERVATION_SCHEMA.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases.head(5)
        detail = "; ".join(
            f"{r.column or 'row'}: {r.check} (value {r.failure_case!r}, row {r.index})" for r in cases.itertuples()
        )
        raise SourceError(source.name, f"{len(exc.failure_cases)} validation failure(s): {detail}", file) from None
    if df.empty:
        raise SourceError(source.name, "parser produced no observations", file)

    declared = {i.id: i for i in source.indicators}
    unknown = sorted(set(df["indicator_id"]) - set(declared))
    if unknown:
        raise SourceError(source.name, f"observations for undeclared indicator(s) {unknown}", file)
    missing_geo = sorted(set(df["geo_code"]) - known_geos)
    if missing_geo:
        raise SourceError(source.name, f"unknown geography code(s) {missing_geo[:10]}", file)
    future = df[pd.to_datetime(df["ref_date"]) > pd.Timestamp(today)]
    if not future.empty:
        raise SourceError(source.name, f"period in the future: {future['period'].iloc[0]}", file)
    for ind_id, group in df.groupby("indicator_id"):
        unit = declared[ind_id].unit
        vals = group["value"].dropna()
        if (vals < 0).any():
            raise SourceError(source.name, f"negative value in {ind_id}: {vals[vals < 0].iloc[0]}", file)
        if unit == "%" and (vals > 100).any():
            raise SourceError(source.name, f"rate above 100 % in {ind_id}: {vals[vals > 100].iloc[0]}", file)
    return df


def validate_geographies(source: Source, df: pd.DataFrame, file: str) -> pd.DataFrame:
    bad = df[~df["level"].isin(GEO_LEVELS)]
    if not bad.empty:
        raise SourceError(source.name, f"unknown geography level {bad['level'].iloc[0]!r}", file)
    dup = df[df.duplicated("geo_code", keep=False)]
    if not dup.empty:
        raise SourceError(source.name, f"duplicate geography code {dup['geo_code'].iloc[0]}", file)
    return df
