"""``backup --to DIR``, ``verify-backup FILE`` and ``restore FILE`` (docs/backups.md).

All three sign in as ``--user`` (password on the first stdin line) and then read the backup
passphrase from the next line, as shared/cli.md says. ``restore`` into a folder without a
vault (a new PC) has nobody to sign in before the data is there: it reads the password and
the passphrase in that same order, creates a vault holding the backup's data, then signs
``--user`` in against the restored staff and checks they may restore (a manager); if not,
the new vault is removed again (the backup is untouched) and the command fails. It prints
the new recovery key on its own line, prefixed "RECOVERY KEY: ". Without ``--user`` (not in
the contract; for a helper restoring by hand) it reads only the passphrase.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from salon_desktop.cli.io import CliIO
from salon_desktop.context import AppContext
from salon_desktop.i18n import N_

PASSPHRASE = N_("Backup passphrase")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    backup = subparsers.add_parser("backup", parents=[common],
                                   help="write an encrypted, verified backup into DIR")
    backup.add_argument("--to", required=True, metavar="DIR")
    backup.set_defaults(handler=cmd_backup, needs_sign_in=True)

    check = subparsers.add_parser("verify-backup", parents=[common],
                                  help="check a backup fully without restoring it")
    check.add_argument("file", metavar="FILE")
    check.set_defaults(handler=cmd_verify, needs_sign_in=True)

    restore = subparsers.add_parser("restore", parents=[common],
                                    help="replace the salon's data with a backup")
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(handler=cmd_restore, opens_vault=False)


def cmd_backup(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    passphrase = io.read_secret(PASSPHRASE)
    result = ctx.services.backups.create_backup(Path(args.to), passphrase)
    io.result(str(result.path))
    io.message(N_("The backup was written and verified ({size_mb} MB)."),
               size_mb=max(1, round(result.info.size_bytes / 1_000_000)))
    return 0


def cmd_verify(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    passphrase = io.read_secret(PASSPHRASE)
    info = ctx.services.backups.verify_backup(Path(args.file), passphrase)
    header = info.header
    io.result("OK")
    io.result(f"created_at\t{header.created_at}")
    io.result(f"salon_name\t{header.salon_name}")
    io.result(f"vault_id\t{header.vault_id}")
    io.result(f"app_version\t{header.app_version}")
    io.result(f"schema_version\t{header.schema_version}")
    for table, count in sorted(header.counts.items()):
        io.result(f"count.{table}\t{count}")
    return 0


def cmd_restore(ctx: AppContext, args: argparse.Namespace, io: CliIO) -> int:
    backup = Path(args.file)
    if not ctx.vault_exists():
        user = getattr(args, "user", None)
        password = io.read_secret(N_("Password")) if user else None
        passphrase = io.read_secret(PASSPHRASE)
        result = ctx.restore_into_new_vault(backup, passphrase)
        if user:
            _sign_in_restored(ctx, user, password or "")
        io.result(f"RECOVERY KEY: {result.recovery_key}")
        io.message(N_("The backup made {created_at} was restored into a new vault on this "
                      "computer. Print the recovery key and keep it in the locked cabinet; "
                      "it is shown only once."), created_at=result.info.header.created_at)
        return 0
    from salon_desktop.cli.main import sign_in

    ctx.open()
    sign_in(ctx, args, io)
    passphrase = io.read_secret(PASSPHRASE)
    result = ctx.restore_backup(backup, passphrase)
    io.message(N_("The backup made {created_at} was restored; {erased} clients erased since "
                  "were erased again."), created_at=result.info.header.created_at,
               erased=len(result.erased_client_ids))
    if result.set_aside is not None:
        io.message(N_("The replaced data was kept as {name}; remove it once everything looks "
                      "right (it still holds everything it held)."),
                   name=result.set_aside.name)
    return 0


def _sign_in_restored(ctx: AppContext, user: str, password: str) -> None:
    """The restored staff must know ``--user``, and that person must be a manager; else the
    vault just made here goes again, leaving the folder as it was."""
    from salon_desktop.vault import destroy_new_vault

    try:
        ctx.services.auth.sign_in(user, password)
        ctx.services.backups.passphrase_is_set()  # needs the manager's permission
    except BaseException:
        ctx.close()
        destroy_new_vault(ctx.data_dir, ctx.keystore)
        raise
