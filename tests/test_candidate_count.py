"""``team.candidate_count``, kept by triggers on ``candidate`` (migration b8c9d0e1f2a3): every
way a candidate comes or goes keeps it equal to a count, and the unfiltered lists read it."""

from __future__ import annotations

from sqlalchemy import delete, func, insert, select, text

from recruiter.extensions import db
from recruiter.models import Candidate, Team
from recruiter.services import candidates, merging
from recruiter.services.filters import CandidateFilter
from tests.conftest import NOW


def _stored(team_id: int) -> int:
    return db.session.scalar(select(Team.candidate_count).where(Team.id == team_id))


def _counted(team_id: int) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Candidate).where(Candidate.team_id == team_id)
    )


def test_the_head_schema_has_the_triggers(app):
    if db.session.get_bind().dialect.name == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        sql = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    names = set(db.session.scalars(text(sql)))
    assert {"candidate_count_insert", "candidate_count_delete"} <= names


def test_every_way_in_and_out_keeps_the_count(recruiter, make_recruiter):
    other = make_recruiter()
    team = recruiter.team_id
    made = [candidates.create_candidate(recruiter, {"full_name": f"P {i}"}, NOW) for i in range(4)]
    candidates.create_candidate(other, {"full_name": "Theirs"}, NOW)
    db.session.commit()
    assert _stored(team) == _counted(team) == 4
    db.session.execute(  # a bulk insert, as seeds and imports write
        insert(Candidate),
        [{"team_id": team, "full_name": f"Bulk {i}", "search_key": f"bulk {i}"} for i in range(3)],
    )
    candidates.delete_candidate(recruiter, made[0], NOW)
    merging.merge_candidates(recruiter, made[1], made[2], NOW)
    db.session.commit()
    assert _stored(team) == _counted(team) == 5
    db.session.execute(delete(Candidate).where(Candidate.full_name.like("Bulk%")))
    db.session.rollback()  # taken back with the transaction
    assert _stored(team) == _counted(team) == 5
    assert _stored(other.team_id) == _counted(other.team_id) == 1


def test_the_unfiltered_lists_read_the_stored_total(recruiter, auth_client, api):
    for i in range(3):
        candidates.create_candidate(recruiter, {"full_name": f"Ana {i}"}, NOW)
    db.session.commit()
    assert candidates.known_total(recruiter, CandidateFilter(sort="-score")) == 3
    assert candidates.known_total(recruiter, CandidateFilter(q="ana 1")) is None
    assert candidates.known_total(recruiter, CandidateFilter(min_score=0)) is None
    # The stored figure is what the pages show (set apart from the rows to prove it is read).
    db.session.execute(
        text("UPDATE team SET candidate_count = 42 WHERE id = :t"), {"t": recruiter.team_id}
    )
    db.session.commit()
    assert api.get("/api/v1/candidates").get_json()["total"] == 42
    assert api.get("/api/v1/candidates?q=ana").get_json()["total"] == 3  # counted
    assert (
        'Candidates <span class="text-secondary fs-6">42</span>'
        in auth_client.get("/candidates/").text
    )
