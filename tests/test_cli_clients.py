"""``admin demo-data | import-clients | clients`` against the contract in shared/cli.md."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from salon_desktop.cli.main import main
from salon_desktop.clock import FakeClock
from salon_desktop.context import AppContext
from salon_desktop.security.keystore import OsKeyStore
from tests.memory_keyring import MemoryKeyring

PASSWORD = "Kevad-2026-Tulp"


class Cli:
    def __init__(self, tmp_path: Path) -> None:
        self.keystore = OsKeyStore(MemoryKeyring())
        self.clock = FakeClock()
        self.data = str(tmp_path / "vault")

    def run(self, *argv: str, stdin: str = PASSWORD + "\n") -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main(["--data-dir", self.data, *argv], stdin=io.StringIO(stdin), stdout=out,
                    stderr=err, context_factory=lambda d: AppContext(
                        d, keystore=self.keystore, clock=self.clock, source="cli"))
        return code, out.getvalue(), err.getvalue()


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    runner = Cli(tmp_path)
    code, _out, err = runner.run("init", "--salon-name", "Salong Õnnelik", "--admin-user",
                                 "mari")
    assert code == 0, err
    return runner


def test_demo_data_then_search(cli: Cli) -> None:
    code, out, err = cli.run("demo-data", "--clients", "300", "--visits", "2000",
                             "--user", "mari")
    assert code == 0, err
    assert "300" in out and "2000" in out
    code, out, err = cli.run("clients", "--user", "mari")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 300
    client_id, name = lines[0].split("\t")
    assert client_id.isdigit() and ", " in name
    code, out, _ = cli.run("clients", "--search", "smidt", "--user", "mari")
    assert code == 0 and out and all("\tŠmidt, " in line for line in out.splitlines())
    code, out, _ = cli.run("clients", "--search", "ZZZnobody", "--user", "mari")
    assert (code, out) == (0, "")


def test_import_clients_reports_rejected_rows(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "kliendid.csv"
    path.write_bytes("Eesnimi;Perekonnanimi;Telefon;E-post\r\nÕie;Šmidt;5123 4567;\r\n"
                     "Ольга;Иванова;98;\r\n;Tamm;;\r\n".encode("utf-8-sig"))
    code, out, err = cli.run("import-clients", str(path), "--user", "mari", "--lang", "et")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 3
    assert "1" in lines[0] and "2" in lines[0]
    assert lines[1].startswith("Rida 3: Telefon: ") and lines[2].startswith("Rida 4: Eesnimi: ")
    assert "98" not in lines[1]  # the reason never echoes the value
    code, out, _ = cli.run("clients", "--search", "+372 5123 4567", "--user", "mari")
    assert out.endswith("\tŠmidt, Õie\n")


def test_import_needs_name_columns_and_sign_in(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    code, out, err = cli.run("import-clients", str(path), "--user", "mari")
    assert code == 1 and out == "" and "first_name" in err
    code, _out, err = cli.run("clients")
    assert code == 2 and "--user" in err  # wrong usage (cli.md)
    code, _out, _err = cli.run("clients", "--user", "mari", stdin="wrong\n")
    assert code == 1


def test_missing_user_is_wrong_usage(cli: Cli) -> None:
    """cli.md: exit status 2 on wrong usage; a signing-in command without --user is that."""
    code, out, err = cli.run("clients", stdin="")
    assert (code, out) == (2, "") and "--user" in err
    code, _out, err = cli.run("settings", "list", stdin="")
    assert code == 2 and "--user" in err


def test_import_malformed_csv_is_a_message_not_a_traceback(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text("first_name;last_name;notes\nA;B;" + "x" * 200_000 + "\n", encoding="utf-8")
    code, out, err = cli.run("import-clients", str(path), "--user", "mari", "--lang", "et")
    assert (code, out) == (1, "") and "real 2" in err and "Traceback" not in err
