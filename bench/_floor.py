"""The web stack's floor for ``bench/api_writes.py --kind floors``: what gunicorn (with serve's
workers, threads and access log) answers per second with no app work at all (``wsgi``), and
with Flask routing a request to a view that returns a small JSON object (``flask``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask import Flask, jsonify


def wsgi(environ: dict, start_response: Callable) -> Iterable[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "3")])
    return [b"ok\n"]


flask_app = Flask(__name__)


@flask_app.get("/api/v1/candidates/<int:candidate_id>")
def candidate(candidate_id: int):  # type: ignore[no-untyped-def]
    return jsonify({"id": candidate_id, "full_name": f"Bench {candidate_id}"})
