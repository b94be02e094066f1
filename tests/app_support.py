"""Running the internal app in AppTest the way a browser does, shared by the page tests.

Works outside pytest too (a notebook, a REPL: `run_page("views/paradox.py", lang="en")`): it runs in
the documented local viewer mode (`GSIW_LOCAL_MODE=viewer`, as `make run`) unless a mode is set.
"""

from __future__ import annotations

import os

from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from pipelines.config import ROOT

APP = str(ROOT / "dashboard" / "app.py")


def run_page(page: str | None = None, **params) -> AppTest:
    """Open the app with `params` in the URL, then go to `page` from the home page (as a click on the
    sidebar does); fails with the page's own error message if anything raised."""
    # The internal app's sign-in: the documented local viewer mode unless set (docs/deployment.md), on
    # loopback as `make run` starts it (a local mode refuses an app listening on every interface, which is
    # what AppTest's runtime means when no address is set: outside pytest the page showed only "Sign in").
    os.environ.setdefault("GSIW_LOCAL_MODE", "viewer")
    if not st_config.get_option("server.address"):
        st_config.set_option("server.address", "127.0.0.1")
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    """Every metric card: label -> value as shown."""
    return {m.label: m.value for m in at.metric}


class ServedFiles(dict):
    """file name -> bytes a download button offers; a deferred download is made on first access, as on a click
    (by `files[name]`, `get`, `values` and `items` alike)."""

    def __getitem__(self, name):
        value = super().__getitem__(name)
        if callable(value):
            value = value()
            value = value.encode("utf-8") if isinstance(value, str) else value
            self[name] = value
        return value

    def get(self, name, default=None):
        return self[name] if name in self else default

    def values(self):
        return [self[name] for name in self]

    def items(self):
        return [(name, self[name]) for name in self]


def record_downloads(monkeypatch) -> ServedFiles:
    """Every file offered by a download button from now on, by file name (the bytes a user would save)."""
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    files = ServedFiles()
    original = MemoryMediaFileStorage.load_and_get_id
    original_deferred = MediaFileManager.add_deferred

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            files[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    def record_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        if file_name:
            files[file_name] = data_callable
        return original_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return files
