"""SQLCipher connection, migrations and repositories: SQL only, no policy."""
