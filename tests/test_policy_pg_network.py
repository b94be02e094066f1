"""The policy store on PostgreSQL as a City deployment reaches it: over TCP, with a password and TLS
whose certificate is verified (`sslmode=verify-full`), the DSN form docs/deployment.md documents.

The other store tests use a Unix socket with trust authentication (fast, no secrets). Here a cluster of
its own listens on 127.0.0.1, accepts only `hostssl` clients with SCRAM passwords, and presents a
certificate issued by a throw-away test CA (trustme). What a member would notice is checked: the store
opens, seeds, saves a change with its audit row; a wrong password, a refused plain-text connection and
an unverifiable certificate are each a clear "cannot be reached" that never shows the password.
"""

from __future__ import annotations

import secrets
import socket

import pytest

from tests.policy_backends import PgCluster
from tests.policy_backends import _in_ci
from tests.policy_backends import missing_reason

# A fresh password per run: nothing secret-looking is committed (tests/test_security.py scans for it).
PASSWORD = secrets.token_urlsafe(16)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def tls_cluster(tmp_path_factory):
    reason = missing_reason()
    if reason:
        if _in_ci():
            pytest.fail(f"CI: {reason}")
        pytest.skip(reason)
    import trustme

    certs = tmp_path_factory.mktemp("certs")
    ca = trustme.CA()
    server = ca.issue_cert("127.0.0.1", "localhost")
    server.cert_chain_pems[0].write_to_path(certs / "server.crt")
    server.private_key_pem.write_to_path(certs / "server.key")
    ca.cert_pem.write_to_path(certs / "ca.crt")
    other = trustme.CA()  # a CA the client does not trust
    other.cert_pem.write_to_path(certs / "other-ca.crt")
    port = _free_port()
    cluster = PgCluster().start(
        tcp_port=port,
        ssl=(certs / "server.crt", certs / "server.key"),
        hba=[
            "hostssl gsiw_policy gsiw_policy 127.0.0.1/32 scram-sha-256",
            "host all all 127.0.0.1/32 reject",
        ],
    )
    cluster.sql(f"CREATE ROLE gsiw_policy LOGIN PASSWORD '{PASSWORD}'")
    cluster.sql("CREATE DATABASE gsiw_policy OWNER gsiw_policy ENCODING 'UTF8'")
    yield cluster, port, certs
    from policy.backends import close_pools

    close_pools()
    cluster.stop()


def _dsn(port: int, certs, *, password: str = PASSWORD, sslmode: str = "verify-full",
         ca: str = "ca.crt") -> str:
    return (
        f"postgresql://gsiw_policy:{password}@127.0.0.1:{port}/gsiw_policy"
        f"?sslmode={sslmode}&sslrootcert={certs / ca}"
    )


def test_store_over_tls_with_a_password_seeds_saves_and_audits(tls_cluster, monkeypatch):
    from policy.store import PolicyStore

    cluster, port, certs = tls_cluster
    monkeypatch.setenv("GSIW_LOCAL_ADMIN", "1")
    store = PolicyStore(_dsn(port, certs), init=True)
    assert store.backend == "postgresql"
    assert any(p["id"] == "vdab" for p in store.records("partners"))  # seeded
    plan = store.records("plans")[0]
    store.update("plans", plan["id"], {"name_nl": "Plan over TLS"}, user="Eddy",
                 expected_version=plan["version"])
    assert store.get("plans", plan["id"])["name_nl"] == "Plan over TLS"
    assert store.audit_log(entity="plans")[0]["who"] == "Eddy"
    import psycopg

    with psycopg.connect(_dsn(port, certs)) as con:  # the session really is encrypted
        assert con.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()[0]


@pytest.mark.parametrize(
    "what",
    ["wrong password", "plain text", "untrusted certificate"],
)
def test_a_refused_connection_is_a_clear_unavailable_without_the_password(tls_cluster, what):
    from policy.store import PolicyStore
    from policy.store import StoreUnavailable

    cluster, port, certs = tls_cluster
    dsn = {
        "wrong password": _dsn(port, certs, password="not-" + PASSWORD),
        "plain text": _dsn(port, certs, sslmode="disable"),
        "untrusted certificate": _dsn(port, certs, ca="other-ca.crt"),
    }[what]
    with pytest.raises(StoreUnavailable) as err:
        PolicyStore(dsn, init=True)
    assert "cannot be reached" in str(err.value)
    assert PASSWORD not in str(err.value) and "not-" + PASSWORD not in str(err.value)
