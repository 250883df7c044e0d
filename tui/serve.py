"""``sidebyside serve``: the reader in a browser (textual-serve), guarded.

textual-serve runs one reader process per browser tab behind a WebSocket. Served as is, any web
page open in the same browser could connect to that socket and read the articles or write tags,
and one connection could ask for a 20,000 × 20,000 terminal. This server:

* requires a **secret per start**: a random token in the printed URL; the page is served only
  with it, and the socket lives under it (``/ws/<token>``), so a page that does not know the
  URL cannot connect;
* checks the **Origin** of the socket: only the server's own address is accepted;
* listens on **loopback** unless told ``--public``, and then advertises an address a browser
  can reach (never ``0.0.0.0``);
* bounds **resources**: terminal sizes are clamped, concurrent sessions are capped
  (``--max-sessions``), and a session's process is ended within seconds when its client goes.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
import secrets
import socket
from typing import Any

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

log = logging.getLogger("sidebyside.serve")

MIN_COLUMNS, MAX_COLUMNS = 20, 400
MIN_ROWS, MAX_ROWS = 8, 200
STOP_GRACE = 3.0  # seconds a session's process gets to quit before it is killed


def is_loopback(host: str) -> bool:
    if host in ("localhost", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def reachable_host(host: str) -> str:
    """The address to put in the URL: the host itself, or for a wildcard (``0.0.0.0``, ``::``)
    this machine's name or address."""
    try:
        wildcard = ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return host
    if not wildcard:
        return host
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return "127.0.0.1"


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """A terminal size a browser may ask for, within sane bounds (bad values: 80 × 24)."""
    def number(value: object, default: int) -> int:
        try:
            return int(str(value))
        except ValueError:
            return default

    w = min(MAX_COLUMNS, max(MIN_COLUMNS, number(width, 80)))
    h = min(MAX_ROWS, max(MIN_ROWS, number(height, 24)))
    return w, h


class GuardedServer(Server):
    """textual-serve's server with a token, an Origin check and resource bounds."""

    def __init__(self, command: str, *, host: str, port: int, max_sessions: int,
                 token: str | None = None) -> None:
        self.token = token or secrets.token_urlsafe(24)
        self.advertised = reachable_host(host)
        shown = f"[{self.advertised}]" if ":" in self.advertised else self.advertised
        super().__init__(command, host=host, port=port, title="Sidebyside",
                         public_url=f"http://{shown}:{port}")
        self.max_sessions = max_sessions
        self.sessions = 0
        self.origins = {self.public_url}
        if is_loopback(host):
            self.origins |= {f"http://localhost:{port}", f"http://127.0.0.1:{port}",
                             f"http://[::1]:{port}"}

    @property
    def url(self) -> str:
        return f"{self.public_url}/?token={self.token}"

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_get("/ws/{token}", self.handle_websocket, name="guarded_websocket")
        return app

    def _token_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())

    async def handle_index(self, request: web.Request) -> Any:
        if not self._token_ok(request.query.get("token")):
            raise web.HTTPForbidden(text="Sidebyside: open the address printed by "
                                         "'sidebyside serve' (it holds this server's key).\n")
        return await self._index_with_token(request)

    async def _index_with_token(self, request: web.Request) -> web.Response:
        import aiohttp_jinja2

        context = {
            "font_size": 16,
            # the socket lives under the token (the page's script appends ?width=…&height=…)
            "app_websocket_url": "ws:" + f"{self.public_url}/ws/{self.token}".split(":", 1)[1],
            "config": {"static": {"url": f"{self.public_url}/static/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Referrer-Policy"] = "no-referrer"  # the token stays on this page
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if not self._token_ok(request.match_info.get("token")):
            raise web.HTTPForbidden(text="no or wrong key\n")
        origin = request.headers.get("Origin")
        if origin is None or origin not in self.origins:
            raise web.HTTPForbidden(text="this page's origin may not drive the reader\n")
        if self.sessions >= self.max_sessions:
            raise web.HTTPServiceUnavailable(
                text=f"{self.max_sessions} readers are open already (--max-sessions)\n")
        width, height = clamp_size(request.query.get("width", 80),
                                   request.query.get("height", 24))
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=1 << 20)
        app_service: AppService | None = None
        self.sessions += 1
        try:
            await websocket.prepare(request)
            app_service = AppService(
                self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                close=websocket.close, download_manager=self.download_manager,
                debug=self.debug)
            await app_service.start(width, height)
            await self._messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a broken message: end this session, keep the server
            log.warning("session ended: %s", error)
        finally:
            self.sessions -= 1
            if app_service is not None:
                await _stop(app_service)
        return websocket

    async def _messages(self, websocket: web.WebSocketResponse,
                        app_service: AppService) -> None:
        """The browser's messages, checked: keys, a clamped resize, ping, focus."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            envelope = message.json()
            if not isinstance(envelope, list) or not envelope:
                continue
            kind = envelope[0]
            data = envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await app_service.set_terminal_size(*clamp_size(data.get("width"),
                                                                data.get("height")))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()


async def _stop(app_service: AppService) -> None:
    """Ask the session's reader to quit; kill it if it has not within ``STOP_GRACE``."""
    try:
        await asyncio.wait_for(app_service.stop(), STOP_GRACE)
    except (TimeoutError, Exception):
        process = getattr(app_service, "_process", None)
        if process is not None and process.returncode is None:
            process.kill()
            await process.wait()
