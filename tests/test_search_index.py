"""The trigram index behind candidate search (``recruiter.search_index``): present at the head
of the migrations, kept in step by every write, and never changing an answer."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from recruiter import search_index
from recruiter.extensions import db
from recruiter.models import Candidate
from recruiter.services import candidates
from recruiter.services.filters import CandidateFilter
from recruiter.services.filters.base import candidate_search
from recruiter.services.scoping import owned
from recruiter.textkey import like_pattern, search_key
from tests.conftest import NOW


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _found(recruiter, q: str) -> set[int]:
    query = CandidateFilter(q=q).apply(owned(Candidate, recruiter), recruiter.time_zone)
    return {c.id for c in db.session.scalars(query)}


def _scanned(recruiter, q: str) -> set[int]:
    """The same search without any index: the key read row by row."""
    query = owned(Candidate, recruiter).where(
        Candidate.search_key.like(like_pattern(search_key(q)), escape="\\")
    )
    return {c.id for c in db.session.scalars(query)}


def _indexed(q: str) -> set[int]:
    """What the SQLite FTS table alone answers."""
    phrase = search_index.fts_phrase(search_key(q))
    rows = db.session.execute(
        text(f"SELECT rowid FROM {search_index.FTS_TABLE} WHERE {search_index.FTS_TABLE} MATCH :p"),
        {"p": phrase},
    )
    return {row[0] for row in rows}


def test_head_schema_has_the_search_index(app):
    if _dialect() == "sqlite":
        names = set(
            db.session.scalars(
                text("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            )
        )
        assert search_index.FTS_TABLE in names
        assert set(search_index.FTS_TRIGGERS) <= names
        assert search_index.fts_ready(db.engine)
    else:
        index = db.session.scalar(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = :n"),
            {"n": search_index.PG_INDEX},
        )
        assert index is not None and "gin_trgm_ops" in index, index


@pytest.mark.parametrize("q", ["chloe", "ŁUKASIEWICZ", "100%", "o_b", "dubois chl", "zz", "é"])
def test_every_write_keeps_the_index_in_step(recruiter, q):
    made = [
        candidates.create_candidate(recruiter, {"full_name": name}, NOW)
        for name in ("Chloé Dubois", "Jan Łukasiewicz", "Ana 100% Data", "Bo O_Brien", "Zoë Zz")
    ]
    db.session.commit()
    renamed = made[1]
    candidates.update_candidate(recruiter, renamed, {"full_name": "Jan Kowalski"}, NOW)
    candidates.update_candidate(recruiter, made[4], {"company": "100% Zz Labs"}, NOW)
    candidates.delete_candidate(recruiter, made[0], NOW)
    db.session.commit()
    assert _found(recruiter, q) == _scanned(recruiter, q)
    assert set(db.session.scalars(candidate_search(recruiter, q))) == _scanned(recruiter, q)
    if _dialect() == "sqlite" and len(search_key(q)) >= search_index.MIN_TRIGRAM:
        assert _indexed(q) == _scanned(recruiter, q)


def test_the_index_finds_what_it_should_and_nothing_else(recruiter):
    for name in ("Chloé Dubois", "Jan Łukasiewicz", "Renée 100% Data"):
        candidates.create_candidate(recruiter, {"full_name": name}, NOW)
    db.session.commit()
    assert len(_found(recruiter, "LUKASIEWICZ")) == 1
    assert len(_found(recruiter, "chloe dub")) == 1
    assert len(_found(recruiter, "0% d")) == 1
    assert _found(recruiter, "0_ d") == set()  # "_" is a character, not a wildcard
    assert _found(recruiter, 'e"d') == set()  # a quote cannot break the FTS phrase
    assert len(_found(recruiter, "e")) == 3  # shorter than a trigram: read without the index


def test_seed_demo_fills_the_index_once_and_keeps_its_trigger(app, recruiter):
    """seed-demo fills the FTS table by one copy after its candidates, not by the trigger: the
    index answers as a scan does, holds every seeded key once, and the trigger is back for the
    writes that follow (a failure inside the block would put it back too)."""
    from recruiter.services import demo_network

    demo_network.seed_network("fts@example.com", "correct horse battery", NOW, 40)
    db.session.commit()
    owner = db.session.scalar(text("SELECT id FROM recruiter WHERE email = 'fts@example.com'"))
    seeded = db.session.get(type(recruiter), owner)
    first = "SELECT full_name FROM candidate WHERE team_id = :t ORDER BY id LIMIT 1"
    name = db.session.scalar(text(first), {"t": seeded.team_id})
    assert _found(seeded, name) == _scanned(seeded, name) != set()
    if _dialect() != "sqlite":
        return
    assert _indexed(name) == _scanned(seeded, name)
    count = f"SELECT count(*) FROM {search_index.FTS_TABLE}"
    assert db.session.scalar(text(count)) == db.session.scalar(
        text("SELECT count(*) FROM candidate")
    )
    test_head_schema_has_the_search_index(app)
    added = candidates.create_candidate(recruiter, {"full_name": "Zebedee Quill"}, NOW)
    db.session.commit()
    assert _indexed("zebedee") == {added.id}
    conn = db.session.connection()
    with pytest.raises(RuntimeError), search_index.filled_once(conn, 10**6):
        raise RuntimeError("inside")
    db.session.commit()
    test_head_schema_has_the_search_index(app)
