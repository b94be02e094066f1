"""One HTTP session for every fetcher: timeouts, retries with backoff, a User-Agent that names us.

Retries use urllib3's `Retry` (honours Retry-After on 429/503) rather than a hand-written loop.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urljoin
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from pipelines.config import HTTP_TIMEOUT
from pipelines.config import MAX_DOWNLOAD_BYTES
from pipelines.config import USER_AGENT
from pipelines.source import SourceError

RETRY_STATUSES = (429, 500, 502, 503, 504)
# A publisher may answer 429 with "Retry-After: 86400"; waiting a day helps nobody. Wait at most
# this long per retry, then report the failure (the source keeps its previous data).
MAX_RETRY_AFTER = 120.0
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body")


class _Retry(Retry):
    """urllib3's Retry with Retry-After capped at MAX_RETRY_AFTER seconds."""

    def get_retry_after(self, response):
        seconds = super().get_retry_after(response)
        return None if seconds is None else min(seconds, MAX_RETRY_AFTER)


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port


def credential_get(
    session: requests.Session, url: str, *, home: str, credentials: dict[str, str], source: str,
    headers: dict[str, str] | None = None, max_redirects: int = 5,
) -> requests.Response:
    """GET with credential headers (an API key) that only ever go to the configured host `home`.

    Why: a paging link (`@odata.nextLink`) or a redirect names its own URL; following it with the
    key attached would hand the key to whatever host it names. A URL on another scheme, host or port
    is refused before anything is sent, and redirects are followed one by one under the same rule
    (requests itself only strips `Authorization` across hosts, not custom headers)."""
    all_headers = {**(headers or {}), **credentials}
    for _ in range(max_redirects + 1):
        if _origin(url) != _origin(home):
            raise SourceError(
                source, f"refused to send credentials to {_origin(url)[1] or url!r}: only "
                f"{_origin(home)[1]!r} (the configured host) gets them", url)
        try:
            resp = session.get(url, headers=all_headers, timeout=HTTP_TIMEOUT, allow_redirects=False)
        except requests.RequestException as exc:
            raise SourceError(source, f"request failed: {type(exc).__name__}: {exc}", url) from exc
        if not resp.is_redirect:
            return resp
        url = urljoin(url, resp.headers["Location"])
        resp.close()
    raise SourceError(source, f"more than {max_redirects} redirects", url)


def retry_adapter(
    retries: int = 4, backoff: float = 1.0, statuses=RETRY_STATUSES, backoff_max: float | None = None
) -> HTTPAdapter:
    """An adapter retrying GETs on `statuses` (Retry-After honoured, capped), else exponential backoff.
    A source whose publisher documents its own policy mounts one for that host only."""
    retry = _Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        backoff_factor=backoff,
        status_forcelist=tuple(statuses),
        allowed_methods=frozenset({"GET", "HEAD"}),
        respect_retry_after_header=True,
        raise_on_status=False,
        **({"backoff_max": backoff_max} if backoff_max is not None else {}),
    )
    return HTTPAdapter(max_retries=retry)


def make_session(retries: int = 4, backoff: float = 1.0) -> requests.Session:
    session = requests.Session()
    adapter = retry_adapter(retries, backoff)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    return session


MAX_REDIRECTS = 5


def get(
    session: requests.Session,
    url: str,
    *,
    source: str,
    params=None,
    stream=False,
    headers: dict | None = None,
    timeout=HTTP_TIMEOUT,
    same_host: bool = False,
) -> requests.Response:
    """GET with our timeout; any failure becomes a SourceError naming the source and URL.

    `same_host=True` follows redirects only within the URL's host: a redirect elsewhere (a login or
    portal page) is refused as access denied instead of being saved as data."""
    host = urlsplit(url).hostname
    try:
        resp = session.get(
            url, params=params, timeout=timeout, stream=stream, headers=headers, allow_redirects=not same_host
        )
        for _ in range(MAX_REDIRECTS if same_host else 0):
            if not resp.is_redirect:
                break
            target = urljoin(resp.url, resp.headers.get("Location", ""))
            resp.close()
            if urlsplit(target).hostname != host:
                raise SourceError(source, f"access denied: redirected off {host} to {target}", url)
            resp = session.get(target, timeout=timeout, stream=stream, headers=headers, allow_redirects=False)
        if same_host and resp.is_redirect:
            raise SourceError(source, f"more than {MAX_REDIRECTS} redirects", url)
    except requests.RequestException as exc:
        raise SourceError(source, f"request failed: {type(exc).__name__}: {exc}", url) from exc
    if resp.status_code in (401, 403):
        raise SourceError(source, f"HTTP {resp.status_code} {resp.reason}: access denied", resp.url)
    if resp.status_code >= 400:
        raise SourceError(source, f"HTTP {resp.status_code} {resp.reason}", resp.url)
    return resp


def download(
    session: requests.Session,
    url: str,
    dest: Path,
    *,
    source: str,
    params=None,
    max_bytes: int = MAX_DOWNLOAD_BYTES,
    headers: dict | None = None,
    timeout=HTTP_TIMEOUT,
    same_host: bool = False,
    refuse_json: bool = False,
    allow_empty: bool = False,
) -> Path | None:
    """Stream `url` to `dest` via a temporary file; refuse HTML error pages and oversize bodies.

    `refuse_json`: a JSON answer is an error message where a CSV was asked for. `allow_empty`: an empty
    body is returned as None (the caller records it) instead of raising."""
    resp = get(
        session, url, source=source, params=params, stream=True, headers=headers, timeout=timeout, same_host=same_host
    )
    ctype = resp.headers.get("Content-Type", "").lower()
    if "text/html" in ctype and dest.suffix.lower() not in (".html", ".htm"):
        resp.close()
        raise SourceError(source, f"server returned an HTML page instead of data ({ctype})", resp.url)
    if refuse_json and "json" in ctype:
        resp.close()
        raise SourceError(source, f"server returned JSON (an error message?) instead of data ({ctype})", resp.url)
    length = resp.headers.get("Content-Length")
    if length and int(length) > max_bytes:
        raise SourceError(source, f"file is {int(length):,} bytes, above the {max_bytes:,} byte limit", resp.url)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    written = 0
    sniff = dest.suffix.lower() not in (".html", ".htm", ".xml")
    try:
        with open(tmp, "wb") as fh:
            for chunk in resp.iter_content(chunk_size=1 << 16):
                if sniff and chunk.strip():  # servers label error pages text/plain or octet-stream too
                    if chunk.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].lower().startswith(_HTML_MARKERS):
                        raise SourceError(source, "server returned an HTML page instead of data", resp.url)
                    sniff = False
                written += len(chunk)
                if written > max_bytes:
                    raise SourceError(source, f"download exceeded the {max_bytes:,} byte limit", resp.url)
                fh.write(chunk)
        if length and written != int(length):
            raise SourceError(source, f"truncated body: got {written:,} of {int(length):,} bytes", resp.url)
        if written == 0:
            if allow_empty:
                return None
            raise SourceError(source, "empty response body", resp.url)
        os.replace(tmp, dest)
        # A fetcher may open what it downloaded (to fail early) before the build's `verify` runs:
        # every zip-based download (xlsx, zipped CSV, .zip) passes the bomb guard right here.
        from pipelines import safezip

        if safezip.is_zip(dest):
            try:
                safezip.check_archive(dest, source=source)
            except SourceError:
                dest.unlink(missing_ok=True)
                raise
    except requests.exceptions.ContentDecodingError as exc:
        encoding = resp.headers.get("Content-Encoding", "?")
        raise SourceError(source, f"body is not valid {encoding} as the server declared (Content-Encoding)", resp.url) from exc
    except requests.exceptions.ChunkedEncodingError as exc:
        raise SourceError(source, f"truncated body: the connection closed before the whole file arrived ({exc})", resp.url) from exc
    except requests.RequestException as exc:
        raise SourceError(source, f"download interrupted: {type(exc).__name__}: {exc}", resp.url) from exc
    finally:
        resp.close()
        if tmp.exists():
            tmp.unlink()
    return dest
