"""Queries for the Signalen page (views/signalen.py): catalogue, labels and source titles for the evidence."""

from __future__ import annotations

from dashboard.queries.policy import indicator_catalogue, labels, source_titles

__all__ = ["indicator_catalogue", "labels", "source_titles"]
