"""Clients: the companies candidates interview with."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import Select, select

from recruiter.extensions import db
from recruiter.models import CLIENT_NAME_KEY_LENGTH, Client, Recruiter
from recruiter.services import ServiceError, audit
from recruiter.services.scoping import get_owned, owned
from recruiter.textkey import case_key

FIELDS = ("name", "contact_name", "contact_email", "notes")


def client_name_key(name: str) -> str:
    """``Client.name_key``: the name with case ignored in every script (``Émile`` = ``émile``),
    the key of the per-recruiter uniqueness."""
    return case_key(name)[:CLIENT_NAME_KEY_LENGTH]


def _validate(owner: Recruiter, values: dict[str, Any], client: Client | None) -> dict[str, Any]:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ServiceError(f"Unknown fields: {', '.join(sorted(unknown))}")
    clean = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in values.items()}
    errors: dict[str, list[str]] = {}
    if ("name" in clean or client is None) and not clean.get("name"):
        errors["name"] = ["A client name is required."]
    elif clean.get("name"):
        if len(clean["name"]) > 200:
            errors["name"] = ["At most 200 characters."]
        query = owned(Client, owner).where(Client.name_key == client_name_key(clean["name"]))
        if client is not None:
            query = query.where(Client.id != client.id)
        if db.session.scalar(query) is not None:
            errors["name"] = [f"You already have a client called {clean['name']}."]
    if clean.get("contact_email"):
        try:
            clean["contact_email"] = validate_email(
                clean["contact_email"], check_deliverability=False
            ).normalized
        except EmailNotValidError as exc:
            errors["contact_email"] = [f"Not a valid email address: {exc}"]
    if errors:
        raise ServiceError("Please correct the highlighted fields.", errors)
    return clean


def create_client(owner: Recruiter, values: dict[str, Any], now: datetime) -> Client:
    clean = _validate(owner, values, None)
    client = Client(team_id=owner.team_id, created_at=now, updated_at=now, **clean)
    client.name_key = client_name_key(client.name)
    db.session.add(client)
    db.session.flush()
    audit.record(owner, owner.team_id, "client", client.id, "created", now=now)
    return client


def update_client(owner: Recruiter, client: Client, values: dict[str, Any], now: datetime) -> None:
    clean = _validate(owner, values, client)
    changes = audit.diff(client, clean)
    if "name" in changes:
        client.name_key = client_name_key(client.name)
    if changes:
        client.updated_at = now
        audit.record(owner, owner.team_id, "client", client.id, "updated", changes, now=now)
    db.session.flush()


def get_client(owner: Recruiter, client_id: Any) -> Client:
    return get_owned(Client, owner, client_id)


def list_clients(owner: Recruiter) -> Select[tuple[Client]]:
    return owned(Client, owner).order_by(Client.name_key, Client.id)


def client_choices(owner: Recruiter) -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(Client.id, Client.name).where(Client.team_id == owner.team_id).order_by(Client.name)
    )
    return [(r.id, r.name) for r in rows]


def find_client_by_name(owner: Recruiter, name: str) -> Client | None:
    return db.session.scalar(owned(Client, owner).where(Client.name_key == client_name_key(name)))
