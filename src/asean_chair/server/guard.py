"""What every request meets before a page: the guard at the server's door.

Requests are bounded in rate and size, must name this server by its address
(a page elsewhere cannot point its own name here), carry a ``sid`` cookie for
their forms' tokens, and get headers that keep pages from being framed or
sniffed.
"""

from __future__ import annotations

import ipaddress

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..phrases import phrase
from .security import Limits, RateLimiter, new_token

#: The cookie that ties a browser's forms to their tokens.
SID = "ac_sid"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; object-src 'none'")

class Guard:
    """Every request: bounded in rate and size, addressed to this server by its
    address (not a name a web page could point at it), a ``sid`` cookie for its
    forms' tokens, and headers that keep pages from being framed or sniffed."""

    def __init__(self, app: ASGIApp, limits: Limits, public_host: str,
                 language: str = "en") -> None:
        self.app = app
        self.limits = limits
        self.rate = RateLimiter(limits.rate, limits.burst)
        self.public_host = public_host
        #: The messages' language (``server.problem.*``).
        self.language = language

    def say(self, key: str) -> str:
        """The message ``server.problem.<key>`` in the lesson's language."""
        return phrase(f"server.problem.{key}", self.language)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        ip = client[0] if client else "?"
        if not self.rate.allow(ip):
            await plain(send, 429, self.say("busy"),
                         [(b"retry-after", str(int(self.rate.wait(ip)) + 1).encode())])
            return
        headers = dict(scope.get("headers") or [])
        if not host_ok(headers.get(b"host", b"").decode("latin-1"), self.public_host):
            await plain(send, 400, self.say("wrong_host"))
            return
        length = headers.get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.limits.max_body:
            await plain(send, 413, self.say("too_large"))
            return
        sid = read_cookie(headers.get(b"cookie", b""), SID)
        fresh = sid is None or not (20 <= len(sid) <= 64) or not sid.replace("-", "").replace(
            "_", "").isalnum()
        if fresh:
            sid = new_token()
        scope.setdefault("state", {})["sid"] = sid

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"content-security-policy", CSP.encode()),
                         (b"x-content-type-options", b"nosniff"),
                         (b"x-frame-options", b"DENY"),
                         (b"referrer-policy", b"no-referrer"),
                         (b"cache-control", b"no-store")]
                if fresh:
                    extra.append((b"set-cookie", set_cookie(SID, str(sid), None).encode()))
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


def host_ok(host: str, public_host: str) -> bool:
    """Whether a request's ``Host`` names this server: its public name, ``localhost``,
    or an address. A page on another site that points its own name at this
    computer (DNS rebinding) sends its own name, and is refused.

    >>> host_ok("192.168.1.20:8000", "192.168.1.20"), host_ok("evil.example:8000", "10.0.0.2")
    (True, False)
    """
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    name = name.strip("[]").lower()
    if not name or name in (public_host.strip("[]").lower(), "localhost"):
        return bool(name)
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


async def plain(send: Send, status: int, text: str,
                 headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """Answer with a short plain-text message (before any page is made)."""
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


def read_cookie(header: bytes, name: str) -> str | None:
    """A cookie's value from a raw ``Cookie`` header (``None``: not sent)."""
    for part in header.decode("latin-1").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def set_cookie(name: str, value: str, max_age: int | None) -> str:
    """A ``Set-Cookie`` value the page's script cannot read, sent only by this site."""
    age = f"; Max-Age={max_age}" if max_age is not None else ""
    return f"{name}={value}; Path=/; HttpOnly; SameSite=Lax{age}"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer only (``127.0.0.1``, ``::1``, ``localhost``)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
