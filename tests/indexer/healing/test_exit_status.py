"""Exit status and one-line reasons of the commands an operator runs: a busy index is 75 for a plain run as for
--due, a damaged or unreachable app-data database stops `serve` with 3 and one line (never a traceback), and the
README's exit-code table and defaults agree with the code."""

from __future__ import annotations

import re

from api.cli import EXIT_APP_DATA, EXIT_ERROR
from assistant.settings import PROJECT_ROOT, Settings
from indexer.run_lock import EXIT_BUSY, RunLock
from tests.indexer.healing.index_folder import cli
from tests.live_server import free_port

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def test_a_plain_index_run_is_busy_with_75_like_a_scheduled_one(fresh_folder):
    settings = fresh_folder()
    with RunLock(settings.index_dir):
        plain = cli(settings, "index")
        scheduled = cli(settings, "index", "--due")
    assert plain.returncode == EXIT_BUSY == 75 == scheduled.returncode, plain.stderr
    assert "in progress" in plain.stderr and "Traceback" not in plain.stderr
    assert not (settings.index_dir / "CURRENT").exists()


def test_a_damaged_app_database_stops_serve_with_one_line_and_status_3(fresh_folder):
    settings = fresh_folder()
    settings.data_dir.mkdir(parents=True)
    (settings.data_dir / "app.db").write_bytes(b"this was a database once " * 400)
    served = cli(settings, "serve", "--port", str(free_port()), timeout=120)
    assert served.returncode == EXIT_APP_DATA == 3
    [line] = served.stderr.strip().splitlines()
    assert line.startswith("nrw-assistant: error: the app-data database sqlite:///") and "app.db" in line
    assert "file is not a database" in line and "restore it from a backup" in line


def test_an_unreachable_postgresql_stops_serve_with_one_line_and_status_3(fresh_folder):
    settings = fresh_folder()
    url = f"postgresql+psycopg://nrwa:secret@127.0.0.1:{free_port()}/nrwa"  # nothing listens there
    served = cli(settings, "serve", "--port", str(free_port()), timeout=120, NRWA_DATABASE_URL=url)
    assert served.returncode == EXIT_APP_DATA
    [line] = served.stderr.strip().splitlines()
    assert "the app-data database postgresql+psycopg://nrwa:***@127.0.0.1" in line and "secret" not in line
    assert "NRWA_DATABASE_URL" in line


def test_the_readme_exit_code_table_matches_the_code():
    table = {}
    for command, status in re.findall(r"^\| (`[^|]+`[^|]*|any) \| ([\d, ]+) \|", README, re.M):
        for code in status.split(","):
            table.setdefault(command.strip(), set()).add(int(code))
    assert table["`index`"] >= {0, 1, 2, 130, 143} and EXIT_BUSY in table["`index` (plain or `--due`)"]
    assert table["`serve`, `demo`"] == {EXIT_ERROR, EXIT_APP_DATA, 130, 143}
    assert table["`corpus check`"] == {0, 1, 2}


def test_documented_defaults_are_the_code_defaults():
    defaults = Settings.model_fields
    # "`NRWA_X` (N)" in the README's prose
    for name, value in re.findall(r"`NRWA_([A-Z_]+)` \((\d+)\)", README):
        assert defaults[name.lower()].default == int(value), name
    # "| `NRWA_X` | `N` |" in its configuration table
    for name, value in re.findall(r"^\| `NRWA_([A-Z_]+)` \| `([^`]+)` \|", README, re.M):
        if value.isdigit():
            assert defaults[name.lower()].default == int(value), name
    # every numeric or boolean "# NRWA_X=value" of .env.example is the default
    example = (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8")
    checked = 0
    for name, value in re.findall(r"^# NRWA_([A-Z_]+)=(\S+)$", example, re.M):
        field = defaults.get(name.lower())
        if field is None or (value not in ("true", "false") and not re.fullmatch(r"\d+(\.\d+)?", value)):
            continue
        expected = value == "true" if value in ("true", "false") else float(value)
        assert field.default == expected, name
        checked += 1
    assert checked >= 15 and defaults["max_concurrent_requests"].default == 8
