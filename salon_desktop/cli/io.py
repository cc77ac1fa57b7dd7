"""Reading secrets and writing messages for the headless commands.

Secrets never come from arguments or environment variables (shell history, process lists):
they are read from standard input one per line, or prompted for without echo on a terminal.
"""

from __future__ import annotations

import getpass
import sys
from typing import TextIO

from salon_desktop.domain.errors import SalonError
from salon_desktop.i18n import N_, Translator


class SecretMissing(SalonError):
    msgid = N_("Expected {what} on standard input, one per line, but there was none.")


class CliIO:
    def __init__(self, translator: Translator, stdin: TextIO | None = None,
                 stdout: TextIO | None = None, stderr: TextIO | None = None) -> None:
        self.t = translator
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr

    def read_secret(self, prompt_msgid: str) -> str:
        prompt = self.t.gettext(prompt_msgid)
        if self.stdin.isatty():
            return getpass.getpass(f"{prompt}: ", stream=self.stderr)
        line = self.stdin.readline()
        if not line:
            raise SecretMissing(what=prompt)
        return line.rstrip("\r\n")

    def result(self, text: str) -> None:
        print(text, file=self.stdout, flush=True)

    def message(self, msgid: str, **params: object) -> None:
        print(self.t.gettext(msgid).format(**params), file=self.stderr, flush=True)

    def error(self, error: SalonError) -> None:
        print(error.user_message(self.t), file=self.stderr, flush=True)
