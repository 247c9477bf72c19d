"""Possible fake profiles: one photo (by perceptual hash) under different names."""

from __future__ import annotations

import io
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw
from sqlalchemy import event

from recruiter.extensions import db
from recruiter.models import Candidate, Suggestion
from recruiter.services import advice, candidates, fake_profiles, ghosts, profiles, suggestions
from recruiter.services.fake_profiles import PhotoRow, distance, find_matches, normalise_name
from tests.conftest import NOW


def portrait(seed: int, size: int = 256) -> Image.Image:
    """A synthetic "photo": a gradient with a few shapes, different for every seed."""
    rnd = random.Random(seed)
    image = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(image)
    top, bottom = [tuple(rnd.randrange(256) for _ in range(3)) for _ in range(2)]
    for y in range(size):
        t = y / size
        draw.line(
            [(0, y), (size, y)], fill=tuple(int(top[i] * (1 - t) + bottom[i] * t) for i in range(3))
        )
    for _ in range(8):
        x, y = rnd.randrange(size), rnd.randrange(size)
        w, h = rnd.randrange(20, size // 2), rnd.randrange(20, size // 2)
        color = tuple(rnd.randrange(256) for _ in range(3))
        shape = draw.ellipse if rnd.random() < 0.5 else draw.rectangle
        shape([x, y, x + w, y + h], fill=color)
    return image


def encode(image: Image.Image, fmt: str = "PNG", **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


ORIGINAL = encode(portrait(1))
COPY = encode(portrait(1).resize((150, 150), Image.Resampling.LANCZOS), "JPEG", quality=70)
OTHER = encode(portrait(2))


def _flags() -> dict[int, Suggestion]:
    rows = db.session.scalars(
        db.select(Suggestion).where(Suggestion.kind == "possible_fake_profile")
    )
    return {row.candidate_id: row for row in rows}


# --- pure parts -------------------------------------------------------------------------------


def test_fake_profiles_copy_matches_and_other_photo_does_not():
    original, copy, other = (profiles.photo_hash(d) for d in (ORIGINAL, COPY, OTHER))
    assert distance(original, copy) <= ghosts.DEFAULT_SETTINGS.photo_max_distance
    assert distance(original, other) > 16


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("José  García", "jose garcia", True),
        ("Anne-Marie O'Neil", "anne marie o neil", True),
        ("ZOË  Łukasiewicz", "Zoe Łukasiewicz", True),
        ("Sam Quinn", "Sam Quinm", False),
        ("Ada Lovelace", "Grace Hopper", False),
    ],
)
def test_fake_profiles_normalise_name(a, b, same):
    assert (normalise_name(a) == normalise_name(b)) is same


def _brute(rows: list[PhotoRow], max_distance: int) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for a in rows:
        for b in rows:
            if a.id == b.id or normalise_name(a.full_name) == normalise_name(b.full_name):
                continue
            if distance(a.photo_hash, b.photo_hash) <= max_distance:
                found.setdefault(a.id, set()).add(b.id)
    return found


@settings(max_examples=100, deadline=None)
@given(
    base=st.lists(st.integers(0, 2**64 - 1), min_size=1, max_size=4),
    flips=st.lists(
        st.tuples(st.integers(0, 3), st.lists(st.integers(0, 63), max_size=9), st.integers(0, 2)),
        max_size=12,
    ),
    max_distance=st.integers(0, 8),
)
def test_fake_profiles_bucketed_search_equals_brute_force(base, flips, max_distance):
    """The pigeonhole buckets find exactly the pairs that comparing every pair finds."""
    rows = []
    for i, (source, bits, name) in enumerate(flips):
        value = base[source % len(base)]
        for bit in bits:
            value ^= 1 << bit
        rows.append(PhotoRow(i, f"Person {name}", f"{value:016x}"))
    got = {k: {m.candidate_id for m in v} for k, v in find_matches(rows, max_distance).items()}
    expected = _brute(rows, max_distance)
    assert got == expected
    only = {row.id for row in rows if row.id % 2 == 0}
    some = find_matches(rows, max_distance, only)
    assert {k: {m.candidate_id for m in v} for k, v in some.items()} == {
        k: v for k, v in expected.items() if k in only
    }


# --- in the database --------------------------------------------------------------------------


def test_fake_profiles_same_photo_different_names_both_flagged(recruiter, make_candidate):
    alice = make_candidate(recruiter, full_name="Alice Martin")
    bob = make_candidate(recruiter, full_name="Robert Stone")
    profiles.set_photo(recruiter, alice, ORIGINAL, NOW)
    assert _flags() == {}
    profiles.set_photo(recruiter, bob, COPY, NOW)  # resized and re-encoded as JPEG
    db.session.commit()
    flags = _flags()
    assert set(flags) == {alice.id, bob.id}
    assert flags[alice.id].key == f"possible_fake_profile:candidate:{alice.id}"
    assert flags[alice.id].evidence["matches"][0]["candidate_id"] == bob.id
    assert "Robert Stone" in flags[alice.id].reasons[0]
    assert flags[bob.id].evidence["matches"][0]["full_name"] == "Alice Martin"
    # Idempotent: the sweep opens nothing more.
    assert fake_profiles.sweep(NOW)[0] == 0


def test_fake_profiles_same_person_not_flagged(recruiter, make_candidate):
    one = make_candidate(recruiter, full_name="José García")
    profiles.set_photo(recruiter, one, ORIGINAL, NOW)
    profiles.set_photo(recruiter, one, COPY, NOW)  # the same person's photo, again
    same_name = make_candidate(recruiter, full_name="jose  GARCIA")
    profiles.set_photo(recruiter, same_name, COPY, NOW)
    different = make_candidate(recruiter, full_name="Other Person")
    profiles.set_photo(recruiter, different, OTHER, NOW)
    db.session.commit()
    assert _flags() == {}
    assert fake_profiles.sweep(NOW)[0] == 0


def test_fake_profiles_other_recruiters_photos_not_compared(
    recruiter, make_recruiter, make_candidate
):
    other = make_recruiter()
    mine = make_candidate(recruiter, full_name="Alice Martin")
    theirs = make_candidate(other, full_name="Robert Stone")
    profiles.set_photo(recruiter, mine, ORIGINAL, NOW)
    profiles.set_photo(other, theirs, COPY, NOW)
    assert _flags() == {}
    assert fake_profiles.sweep(NOW)[0] == 0


def test_fake_profiles_sweep_flags_and_withdraws_when_resolved(recruiter, make_candidate):
    alice = make_candidate(recruiter, full_name="Alice Martin")
    bob = make_candidate(recruiter, full_name="Robert Stone")
    alice.photo_hash = profiles.photo_hash(ORIGINAL)  # stored without the upload check
    bob.photo_hash = profiles.photo_hash(COPY)
    db.session.commit()
    opened, _ = fake_profiles.sweep(NOW)
    db.session.commit()
    assert opened == 2
    # It was the same person after all: the names now agree, the flags are withdrawn.
    candidates.update_candidate(recruiter, bob, {"full_name": "Alice  Martin"}, NOW)
    db.session.commit()
    _, withdrawn = fake_profiles.sweep(NOW)
    db.session.commit()
    assert withdrawn == 2
    assert {row.status for row in _flags().values()} == {"withdrawn"}


def test_fake_profiles_sweep_opens_many_flags_in_a_fixed_number_of_inserts(
    recruiter, make_candidate
):
    photo = profiles.photo_hash(ORIGINAL)
    names = ["Alice Martin", "Robert Stone", "Chloé Dubois", "Łukasz Nowak", "Ana Silva"]
    for name in names:
        make_candidate(recruiter, full_name=name).photo_hash = photo
    db.session.commit()
    inserts: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT"):
            inserts.append(statement.split("(")[0])

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        opened, _ = fake_profiles.sweep(NOW)
        db.session.commit()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert opened == len(names)
    assert len(_flags()) == len(names)
    # One INSERT of the flags and one of their audit entries, however many flags.
    assert sorted(inserts) == ["INSERT INTO audit_entry ", "INSERT INTO suggestion "]
    assert fake_profiles.sweep(NOW)[0] == 0  # idempotent


def test_fake_profiles_accept_removes_profile(recruiter, make_candidate):
    alice = make_candidate(
        recruiter, full_name="Alice Martin", connection_status="pending_incoming"
    )
    bob = make_candidate(recruiter, full_name="Robert Stone")
    profiles.set_photo(recruiter, alice, ORIGINAL, NOW)
    profiles.set_photo(recruiter, bob, COPY, NOW)
    suggestions.accept(recruiter, _flags()[alice.id], NOW)
    db.session.commit()
    assert db.session.get(Candidate, alice.id).connection_status == "removed"
    suggestions.undo(recruiter, _flags()[alice.id], NOW)
    assert db.session.get(Candidate, alice.id).connection_status == "pending_incoming"


def test_fake_profiles_advice_warns(recruiter, make_candidate):
    alice = make_candidate(
        recruiter,
        full_name="Alice Martin",
        connection_status="pending_incoming",
        mutual_connections=40,
    )
    bob = make_candidate(recruiter, full_name="Robert Stone")
    candidates.add_recommendation(recruiter, alice, "Dana Director", "Director of Sales", None, NOW)
    candidates.add_recommendation(recruiter, alice, "Vic", "VP Engineering", None, NOW)
    profiles.set_photo(recruiter, alice, ORIGINAL, NOW)
    profiles.set_photo(recruiter, bob, COPY, NOW)
    result = advice.advise(recruiter, alice, NOW)
    assert result.fake_profile and result.verdict == "caution"  # strong signs, but never accept
    assert any(
        "Possible fake profile" in r.text and "Robert Stone" in r.text for r in result.reasons
    )


def test_fake_profiles_upload_on_candidate_form_flags(auth_client, recruiter, make_candidate):
    first = make_candidate(recruiter, full_name="Alice Martin")
    profiles.set_photo(recruiter, first, ORIGINAL, NOW)
    db.session.commit()
    response = auth_client.post(
        "/candidates/new",
        data={
            "full_name": "Robert Stone",
            "connection_status": "pending_incoming",
            "photo": (io.BytesIO(COPY), "robert.jpg"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert len(_flags()) == 2
    html = auth_client.get("/suggestions/requests").get_data(as_text=True)
    assert "Robert Stone" in html and "Possible fake profile" in html
    assert fake_profiles.KIND == "possible_fake_profile"
