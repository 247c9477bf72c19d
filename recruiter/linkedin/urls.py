"""One spelling per LinkedIn profile URL."""

import functools
import re
from urllib.parse import urlsplit

_COUNTRY_HOST = re.compile(r"[a-z]{2}\.linkedin\.com")


_PROFILE = re.compile(r"https://linkedin\.com/(?:in|pub)/[^/]+(?:/.*)?")


def is_profile_url(normalised: str) -> bool:
    """A LinkedIn member profile (``/in/...``, or the old ``/pub/...``), as normalised."""
    return _PROFILE.fullmatch(normalised) is not None


@functools.lru_cache(maxsize=65536)  # an export names the same few profiles on every message
def normalise_profile_url(url: str | None) -> str | None:
    """One spelling per profile: https, no "www." (nor a country prefix on linkedin.com),
    lower-case host and path, no trailing slash, query or fragment. Not a URL -> None."""
    text = (url or "").strip()
    if not text or any(ch.isspace() for ch in text):
        return None
    if "://" not in text:
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    if "." not in host or "@" in parts.netloc or parts.scheme.lower() not in {"http", "https"}:
        return None
    if _COUNTRY_HOST.fullmatch(host):
        host = "linkedin.com"
    return f"https://{host}{parts.path.rstrip('/')}".lower()
