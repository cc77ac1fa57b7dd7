"""The appointment book's screens: the day grid, the week table, the booking dialog.

``layout`` and ``texts`` hold the logic without widgets (geometry, overlaps, labels), so it
is tested without a window; the widget modules only paint and forward clicks and keys.
Every service call goes through the page's worker.
"""
