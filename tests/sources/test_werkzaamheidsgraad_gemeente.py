"""Employment rate per municipality 2003-2015 (publisher not stated): values and the export footer."""

from __future__ import annotations

import pytest

from pipelines.source import SourceError
from pipelines.sources.werkzaamheidsgraad_gemeente import FILE
from pipelines.sources.werkzaamheidsgraad_gemeente import INDICATOR
from pipelines.sources.werkzaamheidsgraad_gemeente import SOURCE
from tests.sources._issue16_support import check_snapshot
from tests.sources._issue16_support import value


@pytest.fixture(scope="module")
def shipped(snapshot_dir, obs, known_geos):
    return check_snapshot(SOURCE, snapshot_dir, obs, known_geos)


def test_values_as_in_the_file(shipped):
    folder, obs = shipped
    # Lines of employment.csv: "Gent;44021;2003;66,18026007", "Gent;44021;2015;67,70947254".
    assert value(obs, INDICATOR, "44021", "2003") == pytest.approx(66.18026007)
    assert value(obs, INDICATOR, "44021", "2008") == pytest.approx(68.56, abs=0.005)
    assert value(obs, INDICATOR, "44021", "2015") == pytest.approx(67.70947254)
    assert value(obs, INDICATOR, "21004", "2015") == pytest.approx(48.68, abs=0.005)  # Brussel
    assert len(obs) == 4251 and obs.geo_code.nunique() == 327
    lines = (folder / FILE).read_text(encoding="utf-8").splitlines()
    assert lines[-1].startswith("Geen selecties")  # the footer is in the file and not read as data


def test_labels_say_the_publisher_is_not_stated():
    ind = SOURCE.indicator(INDICATOR)
    assert "niet vermeld" in ind.name_nl and "not stated" in ind.name_en


def test_a_row_in_the_middle_that_is_empty_is_refused(tmp_path, shipped):
    folder, _ = shipped
    lines = (folder / FILE).read_text(encoding="utf-8").splitlines()
    lines.insert(10, ";;;")
    (tmp_path / FILE).write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(SourceError, match="empty row"):
        SOURCE.parse(tmp_path)
