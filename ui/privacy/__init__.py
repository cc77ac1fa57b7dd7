"""The Privacy & consents section: the salon-wide privacy work.

The client card (``ui/clients``) shows a client's consents at a glance with one-click
give/withdraw; this section is where the rest happens: the full ledger of one client, the
paper consent form, objection and restriction, the marketing lists, and the consent wordings.
Every service call goes through the worker; the services decide what each role may do, the
widgets only hide what would be refused anyway.
"""
