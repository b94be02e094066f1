"""Discovers sources: every module in `pipelines.sources` that exposes `SOURCE`."""

from __future__ import annotations

import importlib
import pkgutil

from pipelines import sources as sources_pkg
from pipelines.source import Source


def all_sources() -> dict[str, Source]:
    found: dict[str, Source] = {}
    for mod in sorted(pkgutil.iter_modules(sources_pkg.__path__), key=lambda m: m.name):
        if mod.name.startswith("_"):
            continue
        module = importlib.import_module(f"{sources_pkg.__name__}.{mod.name}")
        src = getattr(module, "SOURCE", None)
        if isinstance(src, Source):
            if src.name in found:
                raise ValueError(f"two modules declare source name {src.name!r}")
            found[src.name] = src
    return found


def get_source(name: str) -> Source:
    sources = all_sources()
    if name not in sources:
        raise KeyError(f"unknown source {name!r}; known: {', '.join(sorted(sources))}")
    return sources[name]
