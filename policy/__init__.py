"""The Policy Group's own data: plans, objectives, action groups, projects and their indicator links.

Human-entered and never rebuilt, so it lives in its own SQLite store (`policy.store`), apart from
the statistics warehouse that `pipelines` rebuilds at will. `policy.progress` turns a link plus a
warehouse series into a progress status; `policy.signals` holds the gap-signal rules;
`policy.access` is the one guard every write goes through.
"""
