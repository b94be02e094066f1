"""The Partners page (views/partners.py) and the public list of partners, in both languages."""

from __future__ import annotations

import sqlite3

import pytest

from dashboard import public_store
from dashboard.i18n import t
from policy.store import PolicyStore
from tests.app_support import run_page


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_partners_page_shows_organisations_roles_and_the_policy_group_chairs(use_warehouse, lang):
    at = run_page("views/partners.py", lang=lang)
    assert at.title[0].value == t("partners.title", lang)
    shown = " ".join(m.value for m in [*at.markdown, *at.caption, *at.subheader])
    assert "partners." not in shown and "cycle." not in shown
    assert "VDAB" in shown and "Het Beroepenhuis vzw" in shown
    # chair and vice-chair by function (the charter), no invented person
    chair = "Schepen van Werk, Stad Gent" if lang == "nl" else "Alderman for Work, City of Ghent"
    assert (
        chair in shown
        and t("cycle.pg_role.chair", lang) in shown
        and t("cycle.pg_role.vice_chair", lang) in shown
    )
    # the partner's action groups and projects by reference
    assert t("partners.owns", lang) in shown and "Max Mobiel" in shown
    assert {m.label: m.value for m in at.metric}[t("partners.n_active", lang)] == "9"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_public_partner_list_has_roles_and_types_and_no_people(
    use_warehouse, lang, monkeypatch, tmp_path
):
    from tests.test_public import run_public

    db = tmp_path / "pub.sqlite"
    PolicyStore(db)  # seeded
    monkeypatch.setenv("GSIW_POLICY_DB", str(db))
    statements: list[str] = []
    real = public_store.partners
    monkeypatch.setattr(
        public_store, "partners", lambda path=None: real(path, trace=statements.append)
    )
    at = run_public(lang=lang)
    at.switch_page("public_views/partners.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    shown = " ".join(m.value for m in [*at.markdown, *at.caption, *at.header])
    assert at.title[0].value == t("public.partners_title", lang)
    assert "VDAB" in shown and t("cycle.org_type.social_partner", lang) in shown
    assert t("cycle.partner_role_plural.network", lang) in shown
    assert "Schepen" not in shown and "Alderman" not in shown  # no representative
    assert statements and not any("representatives" in s.lower() for s in statements), statements
    with sqlite3.connect(db) as con:  # the public app never wrote (no seed, no audit row)
        assert con.execute("SELECT count(*) FROM audit WHERE who <> 'seed'").fetchone()[0] == 0


def test_public_partner_list_without_a_store_says_so_and_creates_nothing(
    use_warehouse, monkeypatch, tmp_path
):
    from tests.test_public import run_public

    monkeypatch.setenv("GSIW_POLICY_DB", str(tmp_path / "absent.sqlite"))
    at = run_public(lang="nl")
    at.switch_page("public_views/partners.py")
    at.run()
    assert not at.exception
    assert at.info[0].value == t("public.partners_none", "nl")
    assert not (tmp_path / "absent.sqlite").exists()


def test_public_partner_list_reads_the_postgresql_store_read_only(
    use_warehouse, monkeypatch, tmp_path, pg_cluster
):
    """A multi-instance deployment sets GSIW_POLICY_DSN for both apps: the public list comes from that
    PostgreSQL store (not from a SQLite file), in a read-only session that never reads a person."""
    import psycopg

    from policy.backends import close_pools
    from tests.test_public import run_public

    dsn = pg_cluster.new_dsn()
    PolicyStore(dsn, init=True)  # seeded
    close_pools()
    monkeypatch.setenv("GSIW_POLICY_DSN", dsn)
    monkeypatch.setenv("GSIW_POLICY_DB", str(tmp_path / "absent.sqlite"))
    statements: list[str] = []
    real = public_store.partners
    monkeypatch.setattr(
        public_store, "partners", lambda path=None: real(path, trace=statements.append)
    )
    at = run_public(lang="en")
    at.switch_page("public_views/partners.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    shown = " ".join(m.value for m in [*at.markdown, *at.caption, *at.header])
    assert "VDAB" in shown and "Alderman" not in shown
    assert statements and not any("representatives" in s.lower() for s in statements)
    assert not (tmp_path / "absent.sqlite").exists()
    with psycopg.connect(dsn) as con:
        assert con.execute("SELECT count(*) FROM audit WHERE who <> 'seed'").fetchone()[0] == 0


def test_public_partner_list_from_an_unreachable_postgresql_store_says_so(
    use_warehouse, monkeypatch, tmp_path
):
    from tests.test_public import run_public

    monkeypatch.setenv("GSIW_POLICY_DSN", f"postgresql://nobody@/gsiw?host={tmp_path}")
    at = run_public(lang="nl")
    at.switch_page("public_views/partners.py")
    at.run()
    assert not at.exception
    assert at.info[0].value == t("public.partners_none", "nl")
