"""Who may do what on a shared network, and how much.

- A team holds an unguessable token (in an HttpOnly cookie); the database
  keeps only its hash. A team that changes device types its rejoin code,
  which only the team's own page and the teacher's dashboard show.
- The teacher's pages need the PIN printed on the teacher's terminal; a
  right PIN gives the teacher's browser a token of its own. Wrong PINs are
  counted per address and in all, and refused for a while past a limit.
- Every form carries a token tied to the browser's own cookie (``sid``), so
  a page on another site cannot post to the lesson.
- Requests are bounded in size, and in rate per address.

>>> limiter = RateLimiter(rate=1, burst=2)
>>> [limiter.allow("10.0.0.7", now=0.0) for _ in range(3)]
[True, True, False]
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass

#: Letters of rejoin codes: no I, L, O or U to misread.
CODE_LETTERS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#: Characters a team's name may not hold: controls, and those that turn text around.
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
MAX_NAME = 30


def new_token() -> str:
    """An unguessable token for a cookie (256 bits)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What the database keeps of a token."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def new_pin() -> str:
    """The teacher's PIN: six digits."""
    return f"{secrets.randbelow(1_000_000):06d}"


def new_rejoin_code() -> str:
    """A team's rejoin code: six letters and digits, shown as ``K7F-3QX``."""
    raw = "".join(secrets.choice(CODE_LETTERS) for _ in range(6))
    return f"{raw[:3]}-{raw[3:]}"


def same_code(typed: str, code: str) -> bool:
    """Whether ``typed`` is ``code``, ignoring case, spaces and dashes (compared in constant
    time)."""
    def norm(text: str) -> bytes:
        return "".join(c for c in text.upper() if c.isalnum()).encode()

    return hmac.compare_digest(norm(typed), norm(code))


def csrf_token(secret: str, sid: str) -> str:
    """The token a form of the browser with cookie ``sid`` must carry."""
    mac = hmac.new(secret.encode(), f"form:{sid}".encode(), hashlib.sha256)
    return mac.hexdigest()[:32]


def csrf_ok(secret: str, sid: str | None, sent: str | None) -> bool:
    """Whether a posted form's token belongs to this browser."""
    if not sid or not sent:
        return False
    return hmac.compare_digest(csrf_token(secret, sid), sent)


def clean_name(text: str) -> str | None:
    """A team's name as typed, tidied (spaces collapsed, at most :data:`MAX_NAME`
    characters), or ``None`` when it cannot be a name."""
    name = " ".join(unicodedata.normalize("NFC", text).split())
    if not name or len(name) > MAX_NAME:
        return None
    for c in name:
        if c in _BIDI or unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn"):
            return None
    return name


def name_key(name: str) -> str:
    """Two names that differ only in case or spaces are the same team."""
    return " ".join(name.split()).casefold()


class RateLimiter:
    """Token buckets, one per key (an address): ``rate`` a second, up to ``burst`` at once.

    Holds at most ``keys`` buckets (the oldest forgotten first), so a flood
    of addresses cannot fill the memory.
    """

    def __init__(self, rate: float, burst: float, keys: int = 10_000) -> None:
        self.rate = rate
        self.burst = burst
        self.keys = keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, key: str, cost: float = 1.0, now: float | None = None) -> bool:
        """Take ``cost`` from ``key``'s bucket; ``False`` when it is empty."""
        now = time.monotonic() if now is None else now
        level, last = self._buckets.pop(key, (self.burst, now))
        level = min(self.burst, level + (now - last) * self.rate)
        ok = level >= cost
        self._buckets[key] = (level - cost if ok else level, now)
        while len(self._buckets) > self.keys:
            self._buckets.popitem(last=False)
        return ok

    def wait(self, key: str, cost: float = 1.0) -> float:
        """Seconds until ``cost`` would be allowed for ``key``."""
        level, _ = self._buckets.get(key, (self.burst, 0.0))
        return max(0.0, (cost - level) / self.rate) if self.rate else 60.0


@dataclass
class Limits:
    """How much the server accepts: sizes, rates, counts (one place, to tune or test)."""

    #: The largest request body (forms are a few hundred bytes).
    max_body: int = 8 * 1024
    #: Fields of a form, and the length of one.
    max_fields: int = 16
    max_field: int = 400
    #: Requests per second from one address, and the burst allowed.
    rate: float = 60.0
    burst: float = 240.0
    #: Wrong PINs: per address and in all, within ``pin_window`` seconds.
    pin_tries: int = 5
    pin_tries_all: int = 30
    pin_window: float = 300.0
    #: Wrong rejoin codes per address within ``pin_window``.
    rejoin_tries: int = 10
    #: Teams in one lesson, and new voting devices one address may add a minute.
    max_teams: int = 60
    devices_per_minute: float = 60.0


class Attempts:
    """Failed attempts (wrong PINs...) per address and in all, forgotten after ``window``
    seconds."""

    def __init__(self, per_key: int, total: int, window: float) -> None:
        self.per_key = per_key
        self.total = total
        self.window = window
        self._times: dict[str, list[float]] = {}

    def _recent(self, key: str, now: float) -> list[float]:
        kept = [t for t in self._times.get(key, []) if now - t < self.window]
        if kept:
            self._times[key] = kept
        else:
            self._times.pop(key, None)
        return kept

    def blocked(self, key: str, now: float | None = None) -> bool:
        """Whether ``key`` (or everyone) has failed too often lately."""
        now = time.monotonic() if now is None else now
        everyone = sum(len(self._recent(k, now)) for k in list(self._times))
        return len(self._recent(key, now)) >= self.per_key or everyone >= self.total

    def failed(self, key: str, now: float | None = None) -> None:
        """Count one failure of ``key``."""
        now = time.monotonic() if now is None else now
        self._times.setdefault(key, []).append(now)
        if len(self._times) > 10_000:  # bounded, whoever knocks
            self._times.pop(next(iter(self._times)))
