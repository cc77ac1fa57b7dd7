"""Salon Desktop core: domain, storage, security, audit, reports and services.

This package never imports Qt; the Qt application lives in the top-level ``ui`` package.
"""

__version__ = "0.1.0"
APP_NAME = "Salon Desktop"
