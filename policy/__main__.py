"""Back up, restore and inspect the policy store from the command line.

    python -m policy export backup.yaml                           # readable backup (any user)
    python -m policy check backup.yaml [--replace]                # what an import would change; writes nothing
    GSIW_LOCAL_ADMIN=1 python -m policy import backup.yaml --user "Naam" [--replace]
    python -m policy log [--limit 50]                             # the audit trail, newest first
    python -m policy where                                        # the store (file or database) and record counts
    GSIW_LOCAL_ADMIN=1 python -m policy init --user "Naam" [--empty]  # start a new store (how PostgreSQL gets one)
    python -m policy backups                                      # the automatic backups, newest last
    GSIW_LOCAL_ADMIN=1 python -m policy restore BACKUP.yaml --user "Naam"   # rebuild the store from a backup
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policy.access import EditingNotAllowed
from policy.store import ImportFailed
from policy.store import StoreError
from policy.store import backups
from policy.store import initialise
from policy.store import open_store
from policy.store import policy_db_path
from policy.store import restore


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m policy", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("export", help="write the whole store as YAML")
    ex.add_argument("file", type=Path)
    for name in ("check", "import"):
        p = sub.add_parser(name, help="dry-run an import" if name == "check" else "import a YAML file")
        p.add_argument("file", type=Path)
        p.add_argument("--replace", action="store_true", help="also delete records not in the file (full restore)")
        if name == "import":
            p.add_argument("--user", required=True, help="your name, for the audit trail")
    lg = sub.add_parser("log", help="show the audit trail")
    lg.add_argument("--limit", type=int, default=50)
    sub.add_parser("where", help="path and record counts")
    it = sub.add_parser("init", help="start a new store with the seed (admin; an existing store is left alone)")
    it.add_argument("--user", required=True, help="your name")
    it.add_argument("--empty", action="store_true", help="no seed records (to restore a backup into)")
    sub.add_parser("backups", help="list the automatic backups")
    rs = sub.add_parser("restore", help="rebuild the store from a YAML backup (also a damaged store; admin)")
    rs.add_argument("file", type=Path)
    rs.add_argument("--user", required=True, help="your name, for the audit trail")
    args = ap.parse_args(argv)

    try:
        if args.cmd == "backups":
            for f in backups(policy_db_path()):
                print(f)
            return 0
        if args.cmd == "restore":
            store, r, moved = restore(args.file, user=args.user)
            if moved:
                print(f"the damaged store was moved aside to {moved}")
            print(f"restored {store.where} from {args.file}: {r.created} created, {r.updated} updated, "
                  f"{r.deleted} deleted, {r.unchanged} unchanged")
            print(store.counts())
            return 0
        if args.cmd == "init":
            store = initialise(user=args.user, empty=args.empty)
            print(f"policy store ready at {store.where} ({store.backend})")
            print(store.counts())
            return 0
        store = open_store()
        if args.cmd == "export":
            args.file.write_text(store.export_yaml(), encoding="utf-8")
            print(f"exported {store.counts()} to {args.file}")
        elif args.cmd in ("check", "import"):
            text = args.file.read_text(encoding="utf-8")
            if args.cmd == "check":
                r = store.plan_import(text, replace=args.replace)
            else:
                r = store.import_yaml(text, user=args.user, replace=args.replace, via=f"cli:{args.file.name}")
            verb = "would change" if args.cmd == "check" else "changed"
            print(f"{verb}: {r.created} created, {r.updated} updated, {r.deleted} deleted, {r.unchanged} unchanged")
        elif args.cmd == "log":
            for row in store.audit_log(limit=args.limit):
                print(f"{row['at']}  {row['who']:<16} {row['action']:<6} {row['entity']}/{row['entity_id']}."
                      f"{row['field']}: {row['old']!r} -> {row['new']!r}")
        else:
            print(store.where)  # the file, or the DSN without its password
            print(store.counts())
    except ImportFailed as exc:
        print(exc, file=sys.stderr)
        return 2
    except (EditingNotAllowed, StoreError) as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
