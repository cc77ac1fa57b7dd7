"""Keys, the keyring, the recovery key, password hashing and policy."""
