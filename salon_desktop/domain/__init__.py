"""Plain data: dataclasses, enums, roles and the permission matrix, typed errors."""
