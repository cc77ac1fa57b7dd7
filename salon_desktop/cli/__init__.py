"""The headless commands of shared/cli.md, over the same services as the window."""
