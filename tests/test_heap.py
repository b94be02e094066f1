"""The app freezes the heap only when a run loaded new code, never on every click."""

from __future__ import annotations

import gc
import sys
import types

from dashboard import heap


def test_freezes_after_new_modules_and_not_on_a_plain_rerun(monkeypatch):
    monkeypatch.setattr(heap, "_modules_at_freeze", 0)
    try:
        assert heap.freeze_after_new_code() is True  # the first run: everything imported so far
        frozen = gc.get_freeze_count()
        assert frozen > 0
        assert heap.freeze_after_new_code() is False  # a click on the same page: no collection, no freeze
        monkeypatch.setitem(sys.modules, "gsiw_test_new_page_module", types.ModuleType("gsiw_test_new_page_module"))
        assert heap.freeze_after_new_code() is True  # first visit of another page
    finally:
        heap._thaw()  # what runs at exit: the collector gets every object back
        assert gc.get_freeze_count() == 0
