"""Backup and restore failures, each with its own message and way out.

Parameters are sizes, counts and reasons, never a path (a folder name may hold a person's
name) and never personal data: exceptions end up in logs.
"""

from __future__ import annotations

from salon_desktop.domain.errors import SalonError
from salon_desktop.i18n import N_

_EARLIER_SAFE = N_("Earlier backups were not touched.")


class Reason:
    """Why a file was refused: msgids, translated when the message is shown."""

    INCOMPLETE = N_("it ends too early")
    UNREADABLE = N_("it cannot be read")
    PAGES = N_("some pages failed their integrity check")
    FIRST_PAGE = N_("its first page is damaged")
    STRUCTURE = N_("its structure is damaged")
    HEADER = N_("its header is missing or does not match")
    COUNTS = N_("its row counts do not match its header")
    DISK_FULL = N_("the disk is full")
    COPY = N_("copying the data failed")
    PREPARE = N_("the new database could not be prepared")
    SWAP = N_("the files could not be swapped")


class BackupError(SalonError):
    msgid = N_("The backup could not be made.")
    way_out = _EARLIER_SAFE


class _WithReason(BackupError):
    """``reason`` is one of ``Reason``'s msgids (or a technical code such as an errno name):
    the message shows it in the reader's language, ``str(error)`` in English for the log."""

    translated_params = ("reason",)


class PassphraseNotSet(BackupError):
    msgid = N_("No backup passphrase has been set yet.")
    way_out = N_("Way out: set the backup passphrase in Administration → Backups first.")


class WrongPassphrase(BackupError):
    msgid = N_("This is not the passphrase of this backup.")
    way_out = N_("Way out: check the passphrase. If it was changed since, this backup still "
                 "needs the passphrase that was set when it was made. If you are sure of it, "
                 "the start of the file may be damaged: use another backup.")


class WrongBackupPassphrase(BackupError):
    """create_backup: the typed passphrase is not the one set for this salon."""

    msgid = N_("This is not the backup passphrase set for this salon. Nothing was written.")
    way_out = N_("Way out: type the backup passphrase again, or set a new one in "
                 "Administration → Backups.")


class DestinationMissing(BackupError):
    msgid = N_("The backup folder or drive is not available.")
    way_out = N_("Way out: plug in the backup drive (or choose another folder) and try again. "
                 "Earlier backups were not touched.")


class DestinationReadOnly(BackupError):
    msgid = N_("The backup folder or drive cannot be written to (it is read-only or access "
               "is denied).")
    way_out = N_("Way out: check the drive's write-protection switch or choose another "
                 "folder. Earlier backups were not touched.")


class NotEnoughSpace(BackupError):
    msgid = N_("There is not enough free space: the backup needs {needed_mb} MB, "
               "{free_mb} MB are free.")
    way_out = N_("Way out: free some space (older backups can be deleted) or use a larger "
                 "drive. Earlier backups were not touched.")


class NotEnoughLocalSpace(BackupError):
    msgid = N_("There is not enough free space on this computer's disk for the backup's "
               "working copy: {needed_mb} MB are needed, {free_mb} MB are free.")
    way_out = N_("Way out: free some space on this computer's disk and try again. Earlier "
                 "backups were not touched.")


class TooLargeForFat32(BackupError):
    msgid = N_("The backup ({size_mb} MB) is larger than the 4 GB a FAT32-formatted drive "
               "can hold in one file.")
    way_out = N_("Way out: use a drive formatted as exFAT or NTFS. Earlier backups were not "
                 "touched.")


class DestinationVanished(BackupError):
    msgid = N_("The backup drive was removed or stopped responding while the backup was "
               "being written.")
    way_out = N_("Way out: plug the drive back in and start the backup again; the "
                 "unfinished file is not used. Earlier backups were not touched.")


class WriteFailed(_WithReason):
    msgid = N_("Writing the backup failed ({reason}).")
    way_out = N_("Way out: try again or use another drive. The unfinished file is not used; "
                 "earlier backups were not touched.")


class WrittenBackupBad(_WithReason):
    msgid = N_("The backup was written but did not read back correctly ({reason}), so it was "
               "discarded.")
    way_out = N_("Way out: the drive may be failing; try another drive. Earlier backups were "
                 "not touched.")


class LiveDatabaseUnreadable(BackupError):
    msgid = N_("The salon's database could not be read to the end, so no backup was made.")
    way_out = N_("Way out: run the self-test (salon-desktop admin selftest) and restore the "
                 "latest good backup if it reports damage.")


class BackupCancelled(BackupError):
    msgid = N_("The backup was cancelled; nothing was kept of it.")
    way_out = ""


class NotABackup(BackupError):
    msgid = N_("This file is not a Salon Desktop backup.")
    way_out = N_("Way out: choose a file named salon-backup-….sdbak.")


class BackupFromNewerVersion(BackupError):
    msgid = N_("This backup was made by a newer version of Salon Desktop.")
    way_out = N_("Way out: install the newer version, then restore. Nothing was changed.")


class BackupDamaged(_WithReason):
    msgid = N_("The backup file is damaged or incomplete ({reason}); it cannot be used.")
    way_out = N_("Way out: use another backup (an earlier one, or one on another drive). "
                 "Nothing was changed.")


class RestoreFailed(_WithReason):
    msgid = N_("The restore did not complete ({reason}); the salon's data was not changed.")
    way_out = ""


class VaultInUse(BackupError):
    msgid = N_("The salon's data is open in another window or program, so it cannot be "
               "replaced now.")
    way_out = N_("Way out: close Salon Desktop everywhere else on this computer and try "
                 "again. Nothing was changed.")


class RestoreCancelled(BackupError):
    msgid = N_("The restore was cancelled; the salon's data was not changed.")
    way_out = ""
