"""The Reports section: the client data report at the desk, and the salon's record of
processing with its security measures for the manager.

The client data report itself is the Privacy section's (``ui/privacy/client_rights.py``):
this section gives it a place of its own with a language choice, and reuses the picker and
the actions rather than repeating them, so saving, printing and exporting behave the same
wherever reception starts them.
"""
