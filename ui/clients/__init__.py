"""The Clients section's building blocks: the lazy list, the card, the forms, the import.

Everything here reaches the core only through ``ctx.services`` on the worker thread, and
shows only what the services handed out: a field absent from an object's ``visible_fields``
gets no widget at all (not an empty one), so a stylist's screen cannot show a phone number
even by mistake.
"""
