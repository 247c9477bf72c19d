"""Security headers on every answer: HTML pages, JSON, CSV downloads and static files.

The Content-Security-Policy refuses inline script and inline style: the page's behaviour lives
in ``static/app.js`` (reading ``data-*`` attributes) and its looks in ``static/app.css``, so a
name that smuggles markup or a quote into a page stays inert text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from flask import Flask, Response, render_template, request

from recruiter.errors import json_error, wants_json
from recruiter.settings import current as current_settings

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # Bootstrap's CSS draws a few icons (the menu toggle, checkboxes) as data: SVGs.
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # Candidate ids are in our URLs: never hand them to another site.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}

# Control characters other than tab, newline and carriage return (browsers send CRLF): a NUL
# byte cannot be stored in PostgreSQL text, and none of them belongs in a name or a note.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_MESSAGE = "Control characters are not allowed here (only tabs and line breaks)."

# Sent only when cookies are marked Secure, i.e. when the app is served over HTTPS.
HSTS = "max-age=31536000; includeSubDomains"


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key), str(key)
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, path)


def fields_with_control_characters() -> list[str]:
    """The query, form and JSON fields of this request that hold a control character."""
    found: list[str] = []
    pairs: list[tuple[str, str]] = []
    limit = current_settings().max_content_length
    too_large = limit is not None and (request.content_length or 0) > limit
    # An upload past the limit is the view's to refuse, with its own message: leave it unread.
    sources = (request.args,) if too_large else (request.args, request.form)
    for source in sources:
        for name, value in source.items(multi=True):
            pairs += [(name, name), (name, value)]
    if request.is_json:
        pairs += list(_strings(request.get_json(silent=True), ""))
    for name, value in pairs:
        if CONTROL_CHARACTERS.search(value) and (name or "body") not in found:
            found.append(name or "body")
    return found


def refuse_control_characters():  # type: ignore[no-untyped-def]
    """422 naming the field, before any view runs (and before a CSV's first byte)."""
    bad = fields_with_control_characters()
    if not bad:
        return None
    if wants_json():
        return json_error(
            422, f"{bad[0]}: {CONTROL_MESSAGE}", {name: [CONTROL_MESSAGE] for name in bad}
        )
    message = f"Not saved: {', '.join(bad)} — {CONTROL_MESSAGE}"
    return render_template("errors/error.html", error=None, message=message), 422


def register(app: Flask) -> None:
    hsts = bool(app.config.get("SESSION_COOKIE_SECURE"))
    app.before_request(refuse_control_characters)

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if hsts:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response
