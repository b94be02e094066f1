"""The end-of-session check (tests/conftest.py) notices a test that writes into the checkout,
including a git-ignored file such as the policy store, and lets tool caches pass."""

from __future__ import annotations

import subprocess

from tests.checkout_guard import changes
from tests.checkout_guard import tree_state


def test_guard_sees_an_ignored_store_written_into_a_checkout(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("data/policy/*.sqlite\n__pycache__/\n")
    (tmp_path / "data" / "policy").mkdir(parents=True)
    (tmp_path / "tracked.txt").write_text("a\n")
    subprocess.run(["git", "-C", str(tmp_path), "add", "."], check=True)
    subprocess.run(
        [
            "git",
            "-C",
            str(tmp_path),
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "commit",
            "-qm",
            "x",
        ],
        check=True,
    )
    before = tree_state(tmp_path)
    assert before == set()
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "m.pyc").write_bytes(b"")
    assert changes(before, tree_state(tmp_path)) == []  # caches are fine
    (tmp_path / "data" / "policy" / "gsiw_policy.sqlite").write_bytes(b"SQLite")
    (tmp_path / "tracked.txt").write_text("b\n")
    assert changes(before, tree_state(tmp_path)) == [
        " M tracked.txt",
        "!! data/policy/gsiw_policy.sqlite",
    ]


def test_guard_is_off_outside_a_checkout(tmp_path):
    assert tree_state(tmp_path) is None
