"""`sidebyside serve`: the reader in a web browser (textual-serve), driven by headless Chromium.

The browser test needs Chromium (Debian package `chromium`, which `.ci/run` installs) and the
`playwright` Python package (a test dependency); it is skipped, saying why, without them.
"""

from __future__ import annotations

import shutil
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import ROOT, sidebyside_cmd

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("localhost", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited early: {proc.stderr.read() if proc.stderr else ''}")
        with socket.socket() as s:
            if s.connect_ex(("localhost", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"nothing listens on port {port}")


def stop_server(server: subprocess.Popen) -> None:
    """Stop `sidebyside serve` as ctrl+c does; kill it if it does not stop."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()


def saved_tags(data: Path) -> list[tuple[str, str]]:
    path = data / "annotations.sqlite3"
    if not path.exists():
        return []
    with sqlite3.connect(path) as db:
        try:
            return list(db.execute("SELECT tag, exact FROM annotations"))
        except sqlite3.OperationalError:
            return []


@pytest.mark.skipif(not Path(CHROMIUM).exists(),
                    reason="Chromium is not installed (apt-get install chromium)")
def test_the_reader_loads_in_a_browser_and_answers_a_key(tmp_path: Path, cli_env) -> None:
    playwright = pytest.importorskip("playwright.sync_api",
                                     reason="the playwright package is not installed")
    port = free_port()
    data = tmp_path / "data"
    server = subprocess.Popen(
        [*sidebyside_cmd(), "serve", "--port", str(port), "--data-dir", str(data),
         str(ROOT / "seeds/the-hill.txt"), str(ROOT / "seeds/scotsman.txt")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env, cwd=ROOT,
    )
    try:
        wait_for_port(port, server)
        assert server.stdout is not None
        url = server.stdout.readline().split(" at ", 1)[1].split()[0]  # the address, with its key
        assert "token=" in url
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(url)
            page.wait_for_selector("body.-first-byte", timeout=60_000)  # the app is drawing
            page.click(".textual-terminal", position={"x": 40, "y": 40})  # focus, as a person
            page.keyboard.press("c")  # tag the sentence under the cursor as a claim
            deadline = time.monotonic() + 30  # the key reaches the app's process, which saves
            while not saved_tags(data) and time.monotonic() < deadline:
                page.wait_for_timeout(100)
            browser.close()
        tags = saved_tags(data)
        assert len(tags) == 1 and tags[0][0] == "claim"
        assert tags[0][1] in (ROOT / "seeds/the-hill.txt").read_text(encoding="utf-8")
    finally:
        stop_server(server)


def test_serve_rejects_bad_input_with_one_line(tmp_path: Path, cli_env) -> None:
    missing = tmp_path / "nope.txt"
    out = subprocess.run([*sidebyside_cmd(), "serve", str(missing)], capture_output=True,
                         text=True, env=cli_env, timeout=60)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and str(missing) in out.stderr
    out = subprocess.run([*sidebyside_cmd(), "serve", "--port", "70000"], capture_output=True,
                         text=True, env=cli_env, timeout=60)
    assert out.returncode == 2 and "70000" in out.stderr and out.stderr.count("\n") == 1
    out = subprocess.run([*sidebyside_cmd(), "serve", "-"], capture_output=True, text=True,
                         env=cli_env, timeout=60, input="text")
    assert out.returncode == 2 and out.stderr.count("\n") == 1


def test_serve_says_so_when_the_port_is_taken(cli_env) -> None:
    with socket.socket() as busy:
        busy.bind(("localhost", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out = subprocess.run([*sidebyside_cmd(), "serve", "--port", str(port)],
                             capture_output=True, text=True, env=cli_env, timeout=60)
    assert out.returncode == 2
    assert f"localhost:{port}" in out.stderr and out.stderr.count("\n") == 1
    assert "Traceback" not in out.stderr
