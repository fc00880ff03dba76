"""A local HTTP server on 127.0.0.1 for tests, started and stopped by ``serving()``.

Routes map a path to a list of responses, served in turn (the last one is repeated), so a
test can say "500, then 200". A response is ``(status, headers, body)``, or a callable that
gets the request handler and writes the response itself. Every request's path and headers
are recorded. ``release`` is an Event that blocking routes wait on; the fixture sets it before
stopping the server, so no handler thread outlives the test.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from gikaireport.sources.load import fetch_settings

Response = tuple[int, dict[str, str], bytes] | Callable[[BaseHTTPRequestHandler], None]


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, list[Response]] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.release = threading.Event()
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with server.lock:
                    server.hits[self.path] += 1
                    server.requests.append((self.path, dict(self.headers.items())))
                    queue = server.routes.get(self.path)
                    response = None if not queue else queue.pop(0) if len(queue) > 1 else queue[0]
                if response is None:
                    response = (404, {}, b"not found")
                if callable(response):
                    response(self)
                    return
                status, headers, body = response
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def add(
        self, path: str, body: bytes = b"", status: int = 200, headers: dict[str, str] | None = None
    ) -> str:
        self.routes.setdefault(path, []).append((status, dict(headers or {}), body))
        return self.url(path)

    def add_handler(self, path: str, handler: Callable[[BaseHTTPRequestHandler], None]) -> str:
        self.routes.setdefault(path, []).append(handler)
        return self.url(path)

    def block(self, path: str) -> str:
        """A route that sends nothing until ``release`` is set."""

        def wait(handler: BaseHTTPRequestHandler) -> None:
            self.release.wait()

        return self.add_handler(path, wait)


@contextmanager
def serving() -> Iterator[LocalServer]:
    """Start a server; stop it (releasing blocked handlers) on exit.

    Requests to it bypass any proxy the environment names (``NO_PROXY``), then the
    environment is restored.
    """
    bypass = {
        key: ",".join(filter(None, [os.environ.get(key), "127.0.0.1", "localhost"]))
        for key in ("NO_PROXY", "no_proxy")
    }
    local = LocalServer()
    local.thread.start()
    try:
        with fetch_settings(bypass):
            yield local
    finally:
        local.release.set()
        local.httpd.shutdown()
        local.httpd.server_close()
        local.thread.join()
