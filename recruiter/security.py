"""Security headers on every answer: HTML pages, JSON, CSV downloads and static files.

The Content-Security-Policy refuses inline script and inline style: the page's behaviour lives
in ``static/app.js`` (reading ``data-*`` attributes) and its looks in ``static/app.css``, so a
name that smuggles markup or a quote into a page stays inert text.
"""

from __future__ import annotations

from flask import Flask, Response

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

# Sent only when cookies are marked Secure, i.e. when the app is served over HTTPS.
HSTS = "max-age=31536000; includeSubDomains"


def register(app: Flask) -> None:
    hsts = bool(app.config.get("SESSION_COOKIE_SECURE"))

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if hsts:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response
