"""The manager's Administration section: staff accounts, the audit log viewer, settings.

Every screen here talks to the core through the worker thread only; the services check the
manager's permissions on every call, so hiding a tab from another role is a courtesy.
"""
