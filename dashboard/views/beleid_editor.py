"""Beleid bewerken: the internal editor of the policy store (plans, objectives, links, groups, projects).

Everything here goes through `policy.access.require_editor` (the page) and the store's write
functions call it again server-side. Saves use optimistic locking: the version you loaded is
sent with the change, so a concurrent edit of the same record gives a conflict, not a lost update.
"""

from __future__ import annotations

import streamlit as st

from dashboard.exports import frame
from dashboard.i18n import period_label
from dashboard.i18n import t
from dashboard.policy_ui import explain_error
from dashboard.policy_ui import num
from dashboard.policy_ui import store_or_stop
from dashboard.queries import beleid_editor as Q
from dashboard.ui import connection_or_stop
from dashboard.ui import download_csv
from dashboard.ui import lang
from policy.access import ADMIN_ENV
from policy.access import EditingNotAllowed
from policy.access import can
from policy.access import current_user
from policy.access import require_role
from policy.access import roles_of
from policy.access import session_editor
from policy.store import ENTITIES
from policy.store import PROJECT_STATUSES
from policy.store import ConflictError
from policy.store import ImportFailed
from policy.store import StoreError
from policy.store import ValidationError

L = lang()
st.title(t("policy.editor.title", L))
st.caption(t("policy.editor.lead", L))

signed_in = session_editor()
if "editor" not in roles_of(signed_in):  # locked: say so, and show nothing else (no name field either)
    st.warning(t("policy.editor.locked", L, env=ADMIN_ENV))
    st.stop()
if signed_in:  # OIDC: the audit trail gets the verified identity, not a typed name
    user = st.text_input(t("policy.editor.name", L), value=signed_in, key="editor_name", disabled=True)
else:
    user = st.text_input(t("policy.editor.name", L), value=current_user(), key="editor_name")
try:
    require_role(user, "edit")  # the store checks again on every write (server-side, policy/access.py)
except EditingNotAllowed:
    st.info(t("policy.editor.need_name", L))
    st.stop()

store = store_or_stop(L, raw=True)  # edits the real text (shown in inputs, never as Markdown)
con = connection_or_stop(L)
choices = Q.editor_choices(con, L)  # pickers filled from the warehouse, plain labels
st.caption(t("policy.editor.required_note", L))


def ref_options(entity: str) -> tuple[list, dict]:
    ent = ENTITIES[entity]
    recs = store.records(entity)
    return [None, *[r["id"] for r in recs]], {r["id"]: f"{r[ent.label]} ({r['id']})" for r in recs}


PICKERS = {"indicator_id": "indicators", "context_indicator_id": "indicators", "geo_code": "areas",
           "breakdown": "breakdowns", "breakdown_value": "values"}


def picker(label: str, options: dict[str, str], cur, key: str, required: bool):
    """A selectbox over warehouse codes that shows their names; a stored code not in the warehouse stays
    choosable (shown as itself) so nothing is lost by opening and saving a record."""
    opts = ([] if required else [None]) + list(options) + ([cur] if cur and cur not in options else [])
    return st.selectbox(label, opts, index=opts.index(cur) if cur in opts else 0, key=key,
                        format_func=lambda c: "–" if c is None else options.get(c, str(c)))


def enum_label(field: str, value: str) -> str:
    """An enum value in words (direction, status), never the stored code."""
    key = {"direction": f"policy.direction.{value}",
           "status": f"policy.project_status.{value}" if value in PROJECT_STATUSES else None}.get(field)
    return t(key, L) if key else t(f"policy.enum.{value}", L)


def field_inputs(entity: str, rec: dict, prefix: str) -> dict:
    """One widget per field, initialised from `rec`; returns the values as the store expects them."""
    values = {}
    for f in ENTITIES[entity].fields:
        label = t(f"policy.field.{f.name}", L) + (" *" if f.required else "")
        key = f"{prefix}::{f.name}"
        cur = rec.get(f.name)
        if f.name in PICKERS:
            values[f.name] = picker(label, choices[PICKERS[f.name]], cur, key, f.required)
        elif f.kind == "bool":
            values[f.name] = st.checkbox(label, value=bool(cur), key=key)
        elif f.kind == "int":
            values[f.name] = st.number_input(label, value=cur, step=1, format="%d", key=key)
        elif f.kind == "float":
            values[f.name] = st.number_input(label, value=cur, format="%g", key=key)
        elif f.kind == "enum":
            opts = list(f.choices)
            values[f.name] = st.selectbox(label, opts, index=opts.index(cur) if cur in opts else 0, key=key,
                                          format_func=lambda v, n=f.name: enum_label(n, v))
        elif f.kind == "ref":
            opts, names = ref_options(f.ref)
            values[f.name] = st.selectbox(label, opts, index=opts.index(cur) if cur in opts else 0, key=key,
                                          format_func=lambda i, n=names: "–" if i is None else n.get(i, i))
        elif f.kind == "refs":
            opts, names = ref_options(f.ref)
            opts = [o for o in opts if o is not None]
            values[f.name] = st.multiselect(label, opts, default=[o for o in (cur or []) if o in opts], key=key,
                                            format_func=lambda i, n=names: n.get(i, i)) or None
        elif f.kind == "list":
            text = st.text_area(label, value="\n".join(cur or []), key=key, help=t("policy.editor.one_per_line", L))
            values[f.name] = [x.strip() for x in text.splitlines() if x.strip()] or None
        elif f.kind == "longtext":
            values[f.name] = st.text_area(label, value=cur or "", key=key) or None
        else:
            values[f.name] = st.text_input(label, value="" if cur is None else str(cur), key=key) or None
    return values


def forget(prefix: str) -> None:
    """Drop the widgets and the remembered version of a record so it is shown fresh from the store."""
    for k in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
        del st.session_state[k]


def show_error(exc: Exception) -> None:
    if isinstance(exc, ConflictError):
        st.error(t("policy.editor.conflict", L, expected=exc.expected, actual=exc.actual))
    elif isinstance(exc, EditingNotAllowed):
        st.error(t("policy.editor.role_refused", L))
    elif isinstance(exc, ValidationError | ImportFailed):
        st.error(t("policy.editor.invalid", L) + "\n\n" + "\n".join(f"- {explain_error(e, L)}" for e in exc.errors))
    else:
        st.error(t("policy.editor.refused", L, error=str(exc)))


def current_value(rec: dict) -> None:
    hit = choices["latest"].get((rec.get("indicator_id"), rec.get("geo_code")))
    if hit is None:
        st.caption(t("policy.editor.no_current_value", L))
        return
    value, period = hit
    unit, kind = choices["units"].get(rec["indicator_id"]), choices["kinds"].get(rec["indicator_id"])
    st.info(t("policy.editor.current_value", L, indicator=choices["indicators"].get(rec["indicator_id"]),
              area=choices["areas"].get(rec["geo_code"], rec["geo_code"]), value=num(value, unit, L),
              period=period_label(period, kind, L)))


tab_edit, tab_new, tab_io, tab_log = st.tabs([t("policy.editor.tab_edit", L), t("policy.editor.tab_new", L),
                                              t("policy.editor.tab_io", L), t("policy.editor.tab_log", L)])

with tab_edit:
    entity = st.selectbox(t("policy.editor.entity", L), list(ENTITIES), key="ed_entity",
                          format_func=lambda e: t(f"policy.entity.{e}", L))
    opts, names = ref_options(entity)
    rid = st.selectbox(t("policy.editor.record", L), opts[1:], key=f"ed_rec_{entity}", format_func=names.get)
    rec = store.get(entity, rid) if rid else None
    if rec:
        prefix = f"ed::{entity}::{rid}"
        vkey = f"{prefix}::version"
        st.session_state.setdefault(vkey, rec["version"])  # the version this form was built from
        base = st.session_state[vkey]
        st.caption(t("policy.editor.version", L, version=base, at=rec["updated_at"], by=rec["updated_by"]))
        if rec["version"] != base:
            st.warning(t("policy.editor.changed_meanwhile", L, version=rec["version"], by=rec["updated_by"]))
        if entity == "links":  # the figure this link follows, as the objectives page will show it
            current_value(rec)
        with st.form(f"form::{entity}::{rid}"):
            values = field_inputs(entity, rec, prefix)
            save = st.form_submit_button(t("policy.editor.save", L), type="primary")
        if save:
            changes = {k: v for k, v in values.items() if v != rec[k]}
            try:
                if changes:
                    new = store.update(entity, rid, changes, expected_version=base, user=user)
                    st.session_state[vkey] = new["version"]
                    st.success(t("policy.editor.saved", L, n=len(changes), version=new["version"]))
                else:
                    st.info(t("policy.editor.nothing", L))
            except (StoreError, EditingNotAllowed) as exc:
                show_error(exc)
        c1, c2 = st.columns(2)
        if c1.button(t("policy.editor.reload", L), key=f"reload::{prefix}"):
            forget(prefix)
            st.rerun()
        confirm = c2.checkbox(t("policy.editor.confirm_delete", L), key=f"confirm::{prefix}")
        if c2.button(t("policy.editor.delete", L), key=f"delete::{prefix}", disabled=not confirm):
            try:
                store.delete(entity, rid, expected_version=base, user=user)
                forget(prefix)
                st.success(t("policy.editor.deleted", L, id=rid))
            except (StoreError, EditingNotAllowed) as exc:
                show_error(exc)
        with st.expander(t("policy.editor.record_history", L)):
            hist = store.audit_log(limit=100, entity=entity, entity_id=rid)
            st.dataframe(frame(hist), hide_index=True, width="stretch", key=f"hist::{prefix}")

with tab_new:
    entity_new = st.selectbox(t("policy.editor.entity", L), list(ENTITIES), key="new_entity",
                              format_func=lambda e: t(f"policy.entity.{e}", L))
    with st.form(f"new::{entity_new}"):
        new_id = st.text_input(t("policy.editor.new_id", L), key=f"new::{entity_new}::id",
                               help=t("policy.editor.id_help", L))
        values = field_inputs(entity_new, Q.NEW_DEFAULTS, f"new::{entity_new}")
        create = st.form_submit_button(t("policy.editor.create", L), type="primary")
    if create:
        try:
            store.create(entity_new, new_id.strip(), {k: v for k, v in values.items() if v is not None}, user=user)
            st.success(t("policy.editor.created", L, id=new_id))
        except (StoreError, EditingNotAllowed) as exc:
            show_error(exc)

with tab_io:
    st.markdown(t("policy.editor.export_help", L))
    st.download_button(t("policy.editor.export", L), store.export_yaml().encode("utf-8"),
                       file_name="gsiw-beleid.yaml", mime="application/x-yaml", key="export_yaml")
    may_import = can(user, "import")  # admins only; the store refuses anyone else whatever the page shows
    if not may_import:
        st.info(t("policy.editor.import_admin_only", L))
    upload = st.file_uploader(t("policy.editor.import", L), type=["yaml", "yml"], key="import_file",
                              disabled=not may_import)
    replace = st.checkbox(t("policy.editor.replace", L), key="import_replace", disabled=not may_import)
    if upload is not None:
        text = upload.getvalue().decode("utf-8", errors="replace")
        try:
            plan = store.plan_import(text, replace=replace)
            st.info(t("policy.editor.import_plan", L, created=plan.created, updated=plan.updated,
                      deleted=plan.deleted, unchanged=plan.unchanged))
            if st.button(t("policy.editor.import_apply", L), key="import_apply", type="primary"):
                done = store.import_yaml(text, user=user, replace=replace)
                st.success(t("policy.editor.imported", L, created=done.created, updated=done.updated,
                             deleted=done.deleted))
        except (StoreError, EditingNotAllowed) as exc:
            show_error(exc)

with tab_log:
    log = frame(store.audit_log(limit=500))
    st.dataframe(log, hide_index=True, width="stretch", key="audit_log")
    if not log.empty:
        download_csv(log, "beleid-wijzigingen", L, key="dl_audit")
