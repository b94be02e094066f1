"""Queries for the Agenda page (views/agenda.py): a meeting's agenda, decisions and action items, from the
policy store through policy.cycle (the rules: open items, suggestions, reports due). No warehouse SQL here;
the data signals and status changes an agenda can be prefilled from come from the meeting brief."""

from __future__ import annotations

from policy.cycle import Suggestion
from policy.cycle import confirm_agenda
from policy.cycle import meeting_record
from policy.cycle import open_action_items
from policy.cycle import partner_names
from policy.cycle import suggest_agenda

__all__ = [
    "Suggestion",
    "confirm_agenda",
    "meeting_record",
    "open_action_items",
    "partner_names",
    "suggest_agenda",
]
