"""PDFs the salon prints or hands out: the recovery sheet, and later client and GDPR reports.

Every PDF embeds the shipped DejaVu fonts (``reports.fonts``) so Estonian and Cyrillic text
prints as text, and every visible string goes through ``get_translator(language)`` so a
document is in the language of whoever reads it, not of whoever printed it.
"""
