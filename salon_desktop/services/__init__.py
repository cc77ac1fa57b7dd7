"""The application API: one object per use-case area, bound to a signed-in session.

Every public method declares what it requires (``@requires``, ``@signed_in`` or ``@public``);
a test walks all services to make sure no method forgets. Services check the role, strip the
fields a role may not see, and write the audit entry in the same transaction as the change.
"""
