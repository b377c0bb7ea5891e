"""The one client for the Internet Archive: its availability API and Save Page Now.

    client = Wayback()                       # https://archive.org, 10 s timeout, 3 tries
    capture = client.closest("https://www.state.gov/x", timestamp="20250101")
    # Capture(url="http://web.archive.org/web/2025.../https://www.state.gov/x", date=...) or None

Every request has a timeout, a user agent that names the site, and is retried with
exponential backoff on a timeout, a connection error, HTTP 429 or a 5xx answer. What still
fails raises `ArchiveError` (never a hang, never a silent None). `base` may point at a
stand-in server (the tests run one on 127.0.0.1). Standard library only.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

USER_AGENT = "us-icc-relations-linkrot/1.0 (+https://github.com/us-icc-relations/us-icc-relations)"
ARCHIVE = "https://archive.org"
SAVE = "https://web.archive.org/save/"


class ArchiveError(Exception):
    """The archive could not be asked, or its answer could not be read."""


@dataclass(frozen=True)
class Capture:
    """A capture of a page: its address at the archive and the day it was made."""

    url: str
    date: date


def _capture_day(stamp: str) -> date:
    """The day of a Wayback time stamp, `YYYYMMDDhhmmss`."""
    if len(stamp) < 8 or not stamp[:8].isdigit():
        raise ArchiveError(f"time stamp {stamp!r} is not YYYYMMDDhhmmss")
    try:
        return date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]))
    except ValueError as error:
        raise ArchiveError(f"time stamp {stamp!r} is not a real day") from error


class Wayback:
    """The availability API (closest capture) and Save Page Now, with timeouts and retries."""

    def __init__(
        self,
        base: str = ARCHIVE,
        *,
        timeout: float = 10.0,
        tries: int = 3,
        backoff: float = 1.0,
        save_base: str = SAVE,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base = base.rstrip("/")
        self.save_base = save_base
        self.timeout = timeout
        self.tries = tries
        self.backoff = backoff
        self.sleep = sleep

    def _get(self, url: str) -> bytes:
        """The body of a GET of `url`, retried; raises ArchiveError when every try fails."""
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        problem = "no try made"
        for attempt in range(self.tries):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    return bytes(answer.read())
            except urllib.error.HTTPError as error:
                problem = f"HTTP {error.code}"
                if error.code != 429 and error.code < 500:
                    break  # asking again will not help
            except TimeoutError:
                problem = f"no answer within {self.timeout:g} s"
            except urllib.error.URLError as error:
                problem = f"could not connect ({error.reason})"
        raise ArchiveError(
            f"{url}: {problem} (after {attempt + 1} tr{'y' if attempt == 0 else 'ies'})"
        )

    def closest(self, url: str, timestamp: str | None = None) -> Capture | None:
        """The capture of `url` closest to `timestamp` (`YYYYMMDD…`; latest if None), or
        None when the archive has none."""
        query = {"url": url, **({"timestamp": timestamp} if timestamp else {})}
        body = self._get(f"{self.base}/wayback/available?{urllib.parse.urlencode(query)}")
        try:
            data = json.loads(body)
            found = data["archived_snapshots"]
            closest = found.get("closest") if isinstance(found, dict) else None
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ArchiveError(
                f"the answer for {url} is not the availability API's JSON"
            ) from error
        if not closest:
            return None
        if not isinstance(closest, dict) or not closest.get("available", False):
            return None
        if str(closest.get("status", "200")) != "200" or not closest.get("url"):
            return None
        capture = str(closest["url"])
        if capture.startswith("http://web.archive.org/"):
            capture = "https://" + capture.removeprefix("http://")
        return Capture(capture, _capture_day(str(closest.get("timestamp", ""))))

    def save(self, url: str) -> None:
        """Ask Save Page Now to capture `url` (the capture appears later; ask `closest`)."""
        self._get(self.save_base + url)
