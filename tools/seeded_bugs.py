"""The seeded-bug check of docs/testing.md, repeatable: each bug class of issue 21 seeded once into a
fresh clone of this repository, and the test that must catch it run there.

    .venv/bin/python tools/seeded_bugs.py            # every seed (about 15 minutes on 2 shared cores)
    .venv/bin/python tools/seeded_bugs.py viewer     # one seed, by name

Nothing is changed in the checkout: the clone lives in a temporary folder (a git clone of HEAD, so
the end-of-session check of tests/conftest.py runs there too). A seed is an exact text replacement
in product code; the script stops if the text is not found (the code moved: update the seed).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Seed:
    name: str
    bug: str
    file: str
    old: str
    new: str
    tests: list[str]


SEEDS = [
    Seed(
        "parser-drops-rows",
        "a parser silently drops three rows of one municipality-year",
        "pipelines/sources/vdab_jobseekers.py",
        "        return export_observations(self.name, export, SERIES)",
        "        df = export_observations(self.name, export, SERIES)\n"
        "        gone = df[(df['geo_code'] == '11002') & (df['period'] == '2016')].index[:3]\n"
        "        return df.drop(gone).reset_index(drop=True)",
        ["tests/sources/test_golden.py"],
    ),
    Seed(
        "share-x100",
        "a share shown x100 on the public summary",
        "dashboard/summary.py",
        'pop_share=fmt_value(pop_share, "%", lang)',
        'pop_share=fmt_value(pop_share * 100, "%", lang)',
        ["tests/test_public.py::test_summary_states_the_paradox_with_real_figures"],
    ),
    Seed(
        "placeholder-renamed",
        "an English translation with a renamed placeholder",
        "dashboard/locales/en/public.json",
        "on average **{rate}** of Ghent's labour force",
        "on average **{share}** of Ghent's labour force",
        ["tests/test_i18n.py"],
    ),
    Seed(
        "viewer-writes",
        "a signed-in viewer allowed to write the policy store",
        "policy/access.py",
        "        roles |= ident[1]\n",
        '        roles |= ident[1] | {"editor"}\n',
        [
            "tests/test_access_units.py",
            "tests/test_roles_signed_in.py::test_a_signed_in_viewer_cannot_write",
        ],
    ),
    Seed(
        "disclosure-bypassed",
        "a count of 2 as a bar label in a public chart (disclosure bypassed)",
        "dashboard/public_views/summary.py",
        'chart=charts.bar_chart(origin[origin["value"].notna()], title=t("public.h_origin", L)',
        # the chart drawn from the raw query layer instead of PublicQueries (Q): no disclosure control
        'chart=charts.bar_chart(__import__("dashboard.queries").queries.series(con, "jobseekers_wzw", '
        '[Q.GENT], breakdown="origin", lang=L), title=t("public.h_origin", L)',
        [
            "tests/test_disclosure_public.py::test_chart_labels_and_hover_data_never_show_a_small_count"
        ],
    ),
    Seed(
        "excel-no-licence",
        "the Excel metadata sheet loses its licence rows",
        "dashboard/panel.py",
        '        out[t("export.licence", lang) + sfx] = str(m.get("licence", ""))\n',
        "",
        ["tests/test_downloads.py::test_each_excel_names_source_licence_period_and_link"],
    ),
    Seed(
        "pdf-wrong-next-meeting",
        "the meeting PDF names the wrong next meeting",
        "policy/store.py",
        'min(coming, key=lambda m: m["meeting_date"]) if coming else None',
        'max(coming, key=lambda m: m["meeting_date"]) if coming else None',
        [
            "tests/test_brief_pdf.py::test_the_pdf_names_the_next_meeting_and_the_licence_of_every_cited_source"
        ],
    ),
    Seed(
        "pdf-no-licences",
        "the meeting PDF drops the licences",
        "dashboard/brief/pack.py",
        'bits = [m.get("licence") or "", m.get("url") or ""]',
        'bits = [m.get("url") or ""]',
        [
            "tests/test_brief_pdf.py::test_the_pdf_names_the_next_meeting_and_the_licence_of_every_cited_source"
        ],
    ),
    Seed(
        "internal-page-public",
        "an internal page (load status, build errors) added to the public navigation",
        "dashboard/public.py",
        '    ("about.py", "public.nav_about", ":material/info:", "over-de-cijfers"),\n',
        '    ("about.py", "public.nav_about", ":material/info:", "over-de-cijfers"),\n'
        '    ("../views/sources.py", "nav.sources", ":material/database:", "bronnen"),\n',
        ["tests/test_navigation.py"],
    ),
    Seed(
        "store-in-checkout",
        "a page opens the checkout's policy store (data/policy/gsiw_policy.sqlite) in a test",
        "policy/store.py",
        'return Path(os.environ.get("GSIW_POLICY_DB", ROOT / "data" / "policy" / "gsiw_policy.sqlite"))',
        'return ROOT / "data" / "policy" / "gsiw_policy.sqlite"',
        ["tests/test_policy_pages.py::test_objectives_page_shows_each_status_with_its_numbers"],
    ),
]


def run(seed: Seed, clone: Path) -> tuple[bool, float, str]:
    """Seed the bug, run its tests; True when they fail (the bug is caught)."""
    subprocess.run(["git", "checkout", "-q", "--", "."], cwd=clone, check=True)
    subprocess.run(["git", "clean", "-fdxq"], cwd=clone, check=True)
    path = clone / seed.file
    text = path.read_text(encoding="utf-8")
    if text.count(seed.old) != 1:
        raise SystemExit(
            f"{seed.name}: the text to replace is not in {seed.file} exactly once; update the seed"
        )
    path.write_text(text.replace(seed.old, seed.new), encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *seed.tests],
        cwd=clone,
        capture_output=True,
        text=True,
    )
    seconds = time.monotonic() - started
    lines = (done.stdout + done.stderr).strip().splitlines()
    summary = next(
        (ln for ln in reversed(lines) if "passed" in ln or "failed" in ln or "error" in ln), ""
    )
    guard = [
        ln.strip() for ln in lines if "changed the checkout" in ln or ln.strip().startswith("!! ")
    ]
    return done.returncode != 0, seconds, " ".join([summary, *guard])


def main(names: list[str]) -> int:
    seeds = [s for s in SEEDS if not names or s.name in names]
    missed = 0
    with tempfile.TemporaryDirectory(prefix="gsiw-seeded-") as tmp:
        clone = Path(tmp) / "repo"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        for seed in seeds:
            caught, seconds, summary = run(seed, clone)
            missed += not caught
            verdict = "CAUGHT" if caught else "MISSED"
            print(
                f"{verdict}  {seed.name:<24} {seconds:5.0f} s  {' '.join(seed.tests)}\n        {summary}",
                flush=True,
            )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
