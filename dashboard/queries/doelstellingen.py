"""Queries for the Doelstellingen page (views/doelstellingen.py): the statistics objectives are measured on."""

from __future__ import annotations

from dashboard.queries.actiegroepen import catalogue_lookups
from dashboard.queries.policy import indicator_catalogue, labels

__all__ = ["catalogue_lookups", "indicator_catalogue", "labels"]
