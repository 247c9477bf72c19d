"""What every view shares: the clock, form error mapping, pagination, template filters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from flask import Flask, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf import FlaskForm

from recruiter import localtime
from recruiter.extensions import db
from recruiter.forms import STATUS_LABELS
from recruiter.forms_datetime import inputs_html, recruiter_clock
from recruiter.models import MAX_ID
from recruiter.services import Conflict, ServiceError, scheduler_status
from recruiter.services.filters import ListFilter
from recruiter.settings import current as current_settings
from recruiter.views import charts

T = TypeVar("T")


def utcnow() -> datetime:
    return datetime.now(UTC)


def user_tz() -> str:
    return recruiter_clock()[0]


def user_clock() -> str:
    """``24h`` or ``12h``: how the signed-in recruiter reads and types times of day."""
    return recruiter_clock()[1]


def form_time(form: FlaskForm, name: str, default_now: bool = False) -> datetime | None:
    """A date-time field (:class:`~recruiter.forms_datetime.LocalDateTimeField`) as aware UTC,
    read in the recruiter's time zone.

    A blank field gives ``now`` when ``default_now``; a time that does not exist on a
    daylight-saving day adds a field error and raises :class:`ServiceError`.
    """
    field = getattr(form, name)
    if field.data is None:
        return utcnow() if default_now else None
    try:
        return localtime.to_utc(field.data, user_tz())
    except localtime.NonexistentLocalTime as exc:
        raise ServiceError.field(name, f"{field.label.text}: {exc}") from None


def apply_errors(form: FlaskForm, exc: ServiceError) -> None:
    """Show a service's field errors on the form's fields (others go to ``form.form_errors``)."""
    for name, messages in exc.fields.items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*list(field.errors), *messages]
        else:
            form.form_errors.extend(messages)
    if not exc.fields:
        form.form_errors.append(exc.message)
    if isinstance(exc, Conflict):
        form.existing_id = exc.existing_id  # type: ignore[attr-defined]


def calendar_url(owner: Any) -> str:
    """The secret URL of the owner's calendar feed (Settings and the API show it)."""
    return url_for("calendar.feed", token=owner.calendar_token, _external=True)


def handle_form(
    form: FlaskForm,
    save: Callable[[], T],
    done: Callable[[T], ResponseReturnValue],
    page: Callable[[], str],
) -> ResponseReturnValue:
    """Every form view's one pattern: validate -> ``save`` (the services) -> commit and ``done``,
    or roll back and show the service's errors on the form -> re-render ``page`` (422 when the
    form has errors)."""
    if form.validate_on_submit():
        try:
            result = save()
        except ServiceError as exc:
            db.session.rollback()
            apply_errors(form, exc)
        else:
            db.session.commit()
            return done(result)
    return page(), 422 if form.errors or form.form_errors else 200


def saved(message: str, url: str) -> ResponseReturnValue:
    """After a successful form: say so, and go where the result is shown (POST-redirect-GET)."""
    flash(message, "success")
    return redirect(url)


RESERVED_ARGS = {"endpoint", "values", "name", "method"}


def safe_next(default: str) -> str:
    """The form's ``next`` if it stays on this site, else ``default`` (no open redirects)."""
    target = (request.form.get("next") or "").strip()
    if target.startswith("/") and not target.startswith(("//", "/\\")) and "\\" not in target:
        return target
    return default


def int_arg(name: str, source: Any = None) -> int | None:
    """A positive id from the query string (or ``source``), or None if it is not one."""
    value = (source if source is not None else request.args).get(name, type=int)
    return value if value is not None and 0 < value <= MAX_ID else None


def paginate(query: Any, per_page: int | None = None, total: int | None = None) -> Any:
    """A page of ``query``: ``?page=`` and ``?per_page=`` (at most 100) from the URL, else the
    ``PER_PAGE`` setting. ``total``: the number of rows when the caller knows it without
    counting ``query`` (see :func:`with_total`)."""
    asked = request.args.get("per_page", type=int)
    per_page = per_page or (asked if asked and asked > 0 else current_settings().per_page)
    # ?page=99999999999999999999 would overflow the database's OFFSET: past MAX_ID (far past
    # any last page) it is the same empty page.
    page = min(max(request.args.get("page", 1, type=int), 1), MAX_ID)
    return with_total(query, total, page=page, per_page=per_page, max_per_page=100, error_out=False)


def with_total(query: Any, total: int | None, **page_args: Any) -> Any:
    """``db.paginate(query, **page_args)``, its ``total`` given rather than counted when known
    (as Flask-SQLAlchemy's own ``next()`` and ``prev()`` do): the pagination's fields and
    pages are the same either way."""
    if total is None:
        return db.paginate(query, **page_args)
    page = db.paginate(query, count=False, **page_args)
    page.total = total
    return page


F = TypeVar("F", bound=ListFilter)


def read_filters(kind: type[F]) -> tuple[F, int]:
    """A list's filters from the URL, and the status to answer: on a bad value, each message
    is flashed naming the filter, and the defaults come back with 422 (the view then lists
    nothing rather than guess)."""
    try:
        return kind.parse(request.args), 200
    except ServiceError as exc:
        for name, messages in exc.fields.items():
            flash(f"Filter {name}: {' '.join(messages)}", "danger")
        return kind(), 422


def page_args(**overrides: Any) -> dict[str, Any]:
    """The current query string with some values replaced (for pagination and sort links)."""
    args = request.args.to_dict()
    args.update(overrides)
    return {
        k: v
        for k, v in args.items()
        if v not in (None, "") and not k.startswith("_") and k not in RESERVED_ARGS
    }


def format_local(value: datetime | None, fmt: str = "%a %d %b %Y, %H:%M") -> str:
    """``value`` in the recruiter's zone; its time of day (``%H:%M``) on their clock."""
    zone, clock = recruiter_clock()  # once: a timeline formats thousands of times
    local = localtime.to_local(value, zone)
    if local is None:
        return ""
    return local.strftime(fmt.replace("%H:%M", localtime.clock_text(local, clock)))


def format_hours(hours: float | None) -> str:
    if hours is None:
        return "—"
    if hours < 1:
        return f"{round(hours * 60)} min"
    if hours < 48:
        return f"{hours:.0f} h" if hours >= 10 else f"{hours:.1f} h"
    return f"{hours / 24:.1f} days"


def humanize(value: str | None) -> str:
    return (value or "").replace("_", " ")


def register(app: Flask) -> None:
    app.jinja_env.filters["localtime"] = format_local
    app.jinja_env.filters["hours"] = format_hours
    app.jinja_env.filters["humanize"] = humanize
    # The connection status in the words of the candidate form ("Not connected", not "none").
    app.jinja_env.filters["connection_label"] = lambda s: STATUS_LABELS.get(s, humanize(s))
    app.jinja_env.filters["month_label"] = lambda key: datetime.strptime(key, "%Y-%m").strftime(
        "%b %Y"
    )
    # A one-click bar's "when" (``name`` and ``name-time``), like a form's date-time field.
    app.jinja_env.globals["datetime_inputs"] = lambda name, id: inputs_html(name, id, small=True)
    app.jinja_env.globals["page_args"] = page_args
    app.jinja_env.globals["svg_line"] = charts.line
    app.jinja_env.globals["url_endpoints"] = app.view_functions

    @app.context_processor
    def inject_badges() -> dict[str, Any]:
        from recruiter.services.suggestions import BADGE_MAX, count_open

        now = utcnow()
        if not getattr(current_user, "is_authenticated", False):
            return {
                "open_suggestions": 0,
                "badge_max": BADGE_MAX,
                "now_utc": now,
                "scheduler_paused": False,
            }
        return {
            # One more than the badge shows: it says "99+" past BADGE_MAX.
            "open_suggestions": count_open(current_user, up_to=BADGE_MAX + 1),
            "badge_max": BADGE_MAX,
            "now_utc": now,
            "scheduler_paused": scheduler_paused(now),
        }


def scheduler_paused(now: datetime) -> bool:
    """True when no scheduler beat in the last few minutes (one single-row query)."""
    return not scheduler_status.is_running(scheduler_status.last_beat(), now)
