"""The scheduled refresh an IT team installs (deploy/systemd), checked with systemd's own validator.

`systemd-analyze verify` checks syntax, unknown keys and that ExecStart is executable, so the units
are verified on copies whose install prefix /opt/gsiw points at this checkout's .venv. Missing
`systemd-analyze` fails under CI=true (.ci/run installs it from Debian) and skips elsewhere.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.config import ROOT

UNITS = ROOT / "deploy" / "systemd"
PREFIX = "/opt/gsiw"  # documented in docs/deployment.md


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string((UNITS / name).read_text(encoding="utf-8"))
    return parser


def test_service_runs_the_live_build_as_the_documented_user_and_paths():
    service = _unit("gsiw-refresh.service")["Service"]
    assert service["ExecStart"] == f"{PREFIX}/.venv/bin/python -m pipelines build --live"
    assert service["User"] == "gsiw" and service["WorkingDirectory"] == PREFIX
    assert service["Type"] == "oneshot"
    docs = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    for text in (
        "gsiw-refresh.timer",
        "User=gsiw",
        PREFIX,
        "/var/lib/gsiw/warehouse/gsiw.duckdb",
        "/var/lib/gsiw/raw",
    ):
        assert text in docs, f"docs/deployment.md does not document {text}"
    env = _unit("gsiw-refresh.service").get("Service", "Environment")
    assert "GSIW_WAREHOUSE=/var/lib/gsiw/warehouse/gsiw.duckdb" in env


def test_timer_starts_the_service():
    timer = _unit("gsiw-refresh.timer")
    assert timer["Timer"]["Unit"] == "gsiw-refresh.service"
    assert timer["Timer"]["OnCalendar"]
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_units_pass_systemd_analyze_verify(tmp_path):
    tool = shutil.which("systemd-analyze")
    if tool is None:
        msg = "systemd-analyze not found: `apt-get install systemd` (.ci/run does this)"
        if _in_ci():
            pytest.fail(msg)
        pytest.skip(msg + "; set CI=true to make this a failure")
    app = tmp_path / "app"
    (app / ".venv" / "bin").mkdir(parents=True)
    (app / ".venv" / "bin" / "python").symlink_to(Path(sys.executable).resolve())
    (app / ".venv" / "bin" / "streamlit").symlink_to(
        Path(sys.executable).with_name("streamlit").resolve()
    )
    copies = []
    for unit in sorted(UNITS.glob("gsiw-*")):
        # A template unit (name@.service) is verified as the instance the docs start (port 8501).
        copy = tmp_path / unit.name.replace("@.", "@8501.")
        copy.write_text(
            unit.read_text(encoding="utf-8").replace(PREFIX, str(app)), encoding="utf-8"
        )
        copies.append(str(copy))
    assert len(copies) == 4
    proc = subprocess.run(
        [tool, "verify", "--man=no", *copies], capture_output=True, text=True, timeout=120
    )
    # verify only warns (exit 0) on an unknown key or a misspelt section: any message is a failure here.
    assert proc.returncode == 0 and not proc.stderr.strip() and not proc.stdout.strip(), (
        proc.stdout + proc.stderr
    )


@pytest.mark.parametrize(
    ("unit", "app", "writes"),
    [("gsiw-internal@.service", "dashboard/app.py", "/var/lib/gsiw/policy"),
     ("gsiw-public@.service", "dashboard/public.py", "/var/lib/gsiw/policy")],
)
def test_app_services_serve_one_instance_per_port_on_loopback_only(unit, app, writes):
    """One instance per port (`%i`), bound to loopback behind the proxy, on the warehouse the refresh
    job writes; the internal app can write only the policy store."""
    service = _unit(unit)["Service"]
    exec_start = service["ExecStart"]
    assert exec_start.startswith(f"{PREFIX}/.venv/bin/streamlit run {app} ")
    assert "--server.port %i" in exec_start and "--server.address 127.0.0.1" in exec_start
    assert service["User"] == "gsiw" and service["ProtectSystem"] == "strict"
    assert service["ReadWritePaths"] == writes
    env = _unit(unit).get("Service", "Environment")
    assert "GSIW_WAREHOUSE=/var/lib/gsiw/warehouse/gsiw.duckdb" in env
    assert _unit(unit)["Install"]["WantedBy"] == "multi-user.target"
    docs = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    assert unit in docs and "gsiw-internal@8501" in docs and "gsiw-internal@8511" in docs
