"""Administration → Backups: encrypted backups to a USB stick or folder, verifying, restoring.

The core (``salon_desktop/backup``, ``services/backups.py``, ``AppContext.restore_backup``)
does every check; these screens choose where, ask for the backup passphrase, show progress
and put the core's messages in front of the manager. Making and verifying a backup run on a
thread of their own (``jobs``), so reception keeps working; a restore runs on the database
worker because it closes and reopens the database. See docs/backups.md, "## GUI".
"""
