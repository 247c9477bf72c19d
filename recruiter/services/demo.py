"""A realistic demo recruiter, so a newcomer sees a living app. Built through the same services
as the forms and the API, so the demo data obeys every rule."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from recruiter.extensions import db
from recruiter.models import Candidate, Client, Recruiter
from recruiter.services import (
    ServiceError,
    accounts,
    audit,
    candidates,
    clients,
    interviews,
    outreach,
)
from recruiter.services.interviews import EventData
from recruiter.services.scoping import owned

FIRST = [
    "Amara",
    "Ben",
    "Chloé",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
    "Oskar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tariq",
    "Uma",
    "Viktor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoë",
]
LAST = [
    "Okafor",
    "Novak",
    "Łukasiewicz",
    "Ahmed",
    "Costa",
    "Byrne",
    "Patel",
    "Moreau",
    "Schmidt",
    "Tanaka",
    "Nguyen",
    "Haddad",
    "Larsen",
    "Oduya",
    "García",
    "Kowalski",
]
COMPANIES = [
    "Cobalt Retail Group",
    "Northwind Analytics",
    "Bluefin Logistics",
    "Helix Health",
    "Quarry Games",
    "Lumen Energy",
]
TITLES = [
    "Data Engineer",
    "Backend Developer",
    "Product Designer",
    "Machine Learning Engineer",
    "Engineering Manager",
    "QA Analyst",
    "DevOps Engineer",
]
CLIENTS = [
    ("Acme Fintech", "Sarah Lind"),
    ("Globex Health", "Tom Reyes"),
    ("Initech Cloud", "Maya Fox"),
    ("Umbrella Retail", "Jon Park"),
]
CHANNELS = ["call", "text", "email", "message"]
CANDIDATES = 36  # the small demo's network


def seed(email: str, password: str, now: datetime, seed: int = 7) -> dict[str, int]:
    """A new demo recruiter (``flask --app app seed-demo``) with the demo network."""
    owner = accounts.create_recruiter(email, password, "Morgan Avery", "Europe/London")
    return _populate(owner, now, seed)


def has_data(owner: Recruiter) -> bool:
    """True once the account has a candidate or a client (the demo would mix with them)."""
    return any(
        db.session.scalar(owned(model, owner).with_only_columns(model.id).limit(1)) is not None
        for model in (Candidate, Client)
    )


def load(owner: Recruiter, now: datetime, seed: int = 7) -> dict[str, int]:
    """The demo network in an existing, empty account ("Load demo data" on the dashboard):
    refused once the account has data, so it never mixes with a real network. Audited."""
    if has_data(owner):
        raise ServiceError(
            "Your account already has candidates or clients: the demo data loads only into an "
            "empty account."
        )
    counts = _populate(owner, now, seed)
    audit.record(
        owner,
        owner.team_id,
        "recruiter",
        owner.id,
        "demo_loaded",
        {name: (0, count) for name, count in counts.items()},
        now=now,
    )
    db.session.flush()
    return counts


def _populate(owner: Recruiter, now: datetime, seed: int) -> dict[str, int]:
    rng = random.Random(seed)  # noqa: S311 (demo data, not secrets)
    client_rows = [
        clients.create_client(owner, {"name": n, "contact_name": c}, now - timedelta(days=300))
        for n, c in CLIENTS
    ]
    counts = {"candidates": 0, "interviews": 0, "outreach": 0}
    used: set[str] = set()
    for index in range(CANDIDATES):
        name = _name(rng, used)
        person = rng.choice(["steady", "steady", "steady", "slow", "flaky", "ghost"])
        status = rng.choice(["connected"] * 6 + ["pending_incoming", "pending_outgoing", "none"])
        values: dict[str, Any] = {
            "full_name": name,
            "company": rng.choice(COMPANIES),
            "title": rng.choice(TITLES),
            "location": rng.choice(["London", "Manchester", "Berlin", "Remote", "Lisbon"]),
            "profile_url": f"https://linkedin.com/in/{name.lower().replace(' ', '-')}-{index}",
            "phone": f"+44 7700 900{index:03d}",
            "connection_status": status,
            "mutual_connections": rng.randint(0, 40),
        }
        if status == "connected":
            values["connected_on"] = (now - timedelta(days=rng.randint(30, 900))).date()
        cand = candidates.create_candidate(owner, values, now - timedelta(days=330))
        counts["candidates"] += 1
        if status == "pending_incoming" and rng.random() < 0.6:
            candidates.add_recommendation(
                owner,
                cand,
                _name(rng, set()),
                rng.choice(["Director of Engineering", "CTO", "Former manager", "Colleague"]),
                None,
                now,
            )
        for _ in range(rng.randint(0, 4)):
            _interview(owner, cand, rng.choice(client_rows), person, rng, now, counts)
    return counts


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in used:
            used.add(name)
            return name


def _interview(owner, cand, client, person: str, rng: random.Random, now, counts) -> None:  # type: ignore[no-untyped-def]
    days_ago = rng.randint(-10, 240)
    start = (now - timedelta(days=days_ago)).replace(minute=0, second=0, microsecond=0)
    start = start.replace(hour=rng.choice([9, 10, 11, 14, 15, 16]))
    created = min(start - timedelta(days=5), now - timedelta(hours=1))
    interview = interviews.create_interview(
        owner,
        {
            "candidate_id": cand.id,
            "client_id": client.id,
            "role": rng.choice(TITLES),
            "scheduled_at": start,
            "duration_minutes": rng.choice([30, 45, 60]),
        },
        created,
    )
    counts["interviews"] += 1
    log = _events(person, start, rng)
    for event in log:
        if event.at > now:
            break
        interviews.add_event(owner, interview, event, max(event.at, created))
    _outreach(owner, cand, interview.id, person, start, rng, now, counts)


def _events(person: str, start: datetime, rng: random.Random) -> list[EventData]:
    ask = EventData("confirmation_requested", start - timedelta(days=2))
    confirm = EventData(
        "confirmed", start - timedelta(days=2) + timedelta(hours=rng.randint(1, 20))
    )
    roll = rng.random()
    if person == "ghost" and roll < 0.6:
        return [ask, confirm, EventData("no_show", start + timedelta(minutes=20))]
    if person == "flaky" and roll < 0.5:
        outcome = [EventData("no_show", start + timedelta(minutes=15))]
        if rng.random() < 0.6:
            outcome.append(
                EventData(
                    "explained",
                    start + timedelta(hours=rng.randint(2, 40)),
                    reason="Family emergency",
                )
            )
        return [ask, confirm, *outcome]
    if roll < 0.12:
        return [
            ask,
            confirm,
            EventData(
                "cancelled",
                start - timedelta(hours=rng.choice([3, 48])),
                by=rng.choice(["candidate", "client"]),
                reason="Accepted another offer",
            ),
        ]
    return [ask, confirm, EventData("attended", start + timedelta(minutes=45))]


def _outreach(owner, cand, interview_id, person, start, rng, now, counts) -> None:  # type: ignore[no-untyped-def]
    delay = {"steady": 3, "slow": 40, "flaky": 20, "ghost": None}[person]
    for offset in (4, 1):
        sent = start - timedelta(days=offset, hours=rng.randint(0, 5))
        if sent > now:
            continue
        answered = None
        if delay is not None and rng.random() < 0.85:
            answered = min(sent + timedelta(hours=rng.uniform(0.2, 2) * delay), now)
        outreach.create_outreach(
            owner,
            {
                "candidate_id": cand.id,
                "interview_id": interview_id,
                "channel": rng.choice(CHANNELS),
                "sent_at": sent,
                "responded_at": answered,
            },
            now,
        )
        counts["outreach"] += 1
