"""Encrypted backups: the file format, writing to a folder or USB stick, verifying, rotating
and restoring. See docs/backups.md.

This package is mechanics only (files, SQLCipher connections, checks); permissions, the audit
log and the settings it keeps live in ``services/backups.py``, and swapping the live database
in ``context.py``.
"""
