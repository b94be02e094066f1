"""Keep Python's garbage collector off the long-lived heap of the app process.

Why: after the imports, the app holds ~200k long-lived objects (Streamlit, pandas, plotly, cached
query results). Building a map figure allocates ~100k short-lived ones, which sets off a full
collection every other rerun: a ~100 ms pause on a click (measured in benchmarks/run.py).
`gc.freeze()` moves what exists now out of the collector's scans. It is called after a run that
loaded new modules (the first visit of a page), after a collection, so no garbage is frozen; from
then on only the objects of a rerun are scanned. Frozen objects are still freed by reference
counting when nothing uses them any more.
"""

from __future__ import annotations

import atexit
import gc
import sys
import threading

_lock = threading.Lock()
_modules_at_freeze = 0
_thaw_registered = False


def _thaw() -> None:
    """At exit, hand the frozen objects back to the collector so extension objects (DuckDB's) are
    released normally; otherwise their bindings report them as leaked on stderr."""
    gc.unfreeze()
    gc.collect()


def freeze_after_new_code() -> bool:
    """Collect and freeze the heap if this run imported modules; True when it did."""
    global _modules_at_freeze, _thaw_registered
    with _lock:
        if len(sys.modules) <= _modules_at_freeze:
            return False
        gc.collect()
        gc.freeze()
        _modules_at_freeze = len(sys.modules)
        if not _thaw_registered:
            atexit.register(_thaw)
            _thaw_registered = True
        return True
