"""Vault and key errors: each distinct, each with the way out."""

from __future__ import annotations

from salon_desktop.domain.errors import SalonError
from salon_desktop.i18n import N_

RECOVER = N_("Way out: choose “Recover access” and enter the recovery key from the salon's "
             "recovery sheet.")
RESTORE = N_("Way out: restore the latest backup (Administration → Backups), or ask your IT "
             "helper to run “salon-desktop admin selftest”. The damaged file was not changed.")


class VaultError(SalonError):
    msgid = N_("The salon's data could not be opened.")


class VaultNotFound(VaultError):
    msgid = N_("No salon data was found in this folder.")


class VaultAlreadyExists(VaultError):
    msgid = N_("This folder already holds a salon's data; nothing was overwritten.")
    way_out = N_("Way out: open the existing salon, or choose another folder.")


class KeyringUnavailable(VaultError):
    msgid = N_("No secure system keyring is available to hold the database key.")
    way_out = N_("Way out: sign in to a desktop session with a keyring (Windows Credential "
                 "Manager, macOS Keychain, GNOME Keyring or KWallet), then choose “Recover "
                 "access” and enter the recovery key. The data is safe and unchanged.")


class KeyringInsecure(VaultError):
    msgid = N_("The configured keyring ({backend}) stores secrets without protection, so the "
               "database key is not kept there.")
    way_out = N_("Way out: remove the plaintext keyring backend (e.g. keyrings.alt) or choose "
                 "the system keyring, then try again.")


class KeyringLocked(VaultError):
    msgid = N_("The system keyring is locked.")
    way_out = N_("Way out: unlock the keyring (usually by signing in to the computer) and try "
                 "again, or choose “Recover access”.")


class KeyMissing(VaultError):
    msgid = N_("The database key is missing from this computer's keyring.")
    way_out = RECOVER


class KeyGarbled(VaultError):
    msgid = N_("The keyring entry for the salon's data is damaged.")
    way_out = RECOVER


class WrongKey(VaultError):
    msgid = N_("The key in this computer's keyring does not belong to this salon's data.")
    way_out = RECOVER


class DatabaseDamaged(VaultError):
    msgid = N_("The salon's database file is damaged.")
    way_out = RESTORE


class DatabaseMissing(VaultError):
    msgid = N_("The salon's database file is missing, although its key file is present.")
    way_out = RESTORE


class DatabaseUnreadable(VaultError):
    msgid = N_("The salon's database file cannot be read.")
    way_out = N_("Way out: check that salon.db in the data folder is a file this Windows or "
                 "Linux account may read, and that the drive holding it is connected (ask "
                 "your IT helper), then try again. Nothing was changed.")


class SidecarDamaged(VaultError):
    msgid = N_("The vault's key file (vault.json) is damaged or missing.")
    way_out = N_("Way out: restore vault.json from a backup copy of the data folder, or "
                 "restore the latest backup. The database itself was not changed.")


class SchemaNewer(VaultError):
    msgid = N_("This salon's data was written by a newer version of Salon Desktop.")
    way_out = N_("Way out: install the newer version. Nothing was changed.")


class RecoveryKeyMalformed(VaultError):
    msgid = N_("The recovery key has {groups} groups of {size} characters; please check it.")


class RecoveryKeyTypo(VaultError):
    msgid = N_("Group {group} of the recovery key is mistyped; please check it.")

    def __init__(self, group: int) -> None:
        self.group = group
        super().__init__(group=group)


class RecoveryKeyWrong(VaultError):
    msgid = N_("This recovery key belongs to another salon's data.")
    way_out = N_("Way out: find the recovery sheet printed for this salon (it shows the "
                 "vault id {vault_id}).")
