"""Search and case-insensitive uniqueness in every script, on SQLite and PostgreSQL: keys
kept on write (``recruiter.textkey``), ``%`` and ``_`` taken literally, duplicates refused
with a clear 4xx."""

from datetime import UTC, datetime

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from recruiter.extensions import db
from recruiter.models import Candidate, Client
from recruiter.services import ServiceError, candidates, clients
from recruiter.services.candidates import candidate_search_key

NAMES = (
    "Chloé Dubois",
    "chloé martin",
    "Jan Łukasiewicz",
    "Ana 100% Sure",
    "Ana 100 Sure",
    "Bo_Li",
    "Bo Li",
    "Back\\slash",
    "Zoë Straße",
)


def _found(owner, q: str) -> set[str]:
    return {c.full_name for c in db.session.scalars(candidates.search_candidates(owner, q=q))}


@pytest.fixture
def people(recruiter, make_candidate):
    for name in NAMES:
        make_candidate(recruiter, full_name=name)
    return recruiter


@pytest.mark.parametrize(
    ("q", "names"),
    [
        ("chloe", {"Chloé Dubois", "chloé martin"}),
        ("CHLOÉ", {"Chloé Dubois", "chloé martin"}),
        ("chloé dubois", {"Chloé Dubois"}),
        ("lukasiewicz", {"Jan Łukasiewicz"}),
        ("ŁUKASIEWICZ", {"Jan Łukasiewicz"}),
        ("%", {"Ana 100% Sure"}),
        ("100%", {"Ana 100% Sure"}),
        ("_", {"Bo_Li"}),
        ("bo_", {"Bo_Li"}),
        ("\\", {"Back\\slash"}),
        ("zoe strasse", {"Zoë Straße"}),
        ("  zoe   STRASSE ", {"Zoë Straße"}),
    ],
)
def test_search_candidates_ignores_case_and_accents_and_takes_wildcards_literally(people, q, names):
    assert _found(people, q) == names


def test_search_candidates_matches_email_company_and_profile(recruiter, make_candidate):
    make_candidate(
        recruiter,
        full_name="Ada",
        email="ada@example.com",
        company="Société Générale",
        profile_url="https://linkedin.com/in/ada-l",
    )
    make_candidate(recruiter, full_name="Grace")
    for q in ("ADA@EXAMPLE", "societe generale", "in/ada-l"):
        assert _found(recruiter, q) == {"Ada"}, q


def test_search_candidates_never_matches_across_two_fields(recruiter, make_candidate):
    make_candidate(recruiter, full_name="Ann", company="Bell")
    assert _found(recruiter, "ann") == {"Ann"}
    assert _found(recruiter, "ann bell") == set()


def test_search_key_follows_every_edit(recruiter, make_candidate):
    row = make_candidate(recruiter, full_name="Renée", company="Initech")
    assert row.search_key == candidate_search_key("Renée", None, "Initech")
    candidates.update_candidate(
        recruiter, row, {"full_name": "Øyvind", "company": None}, datetime.now(UTC)
    )
    db.session.commit()
    assert _found(recruiter, "oyvind") == {"Øyvind"}
    assert _found(recruiter, "renee") == _found(recruiter, "initech") == set()


def test_search_candidates_pages_and_api_find_accented_names(
    auth_client, api, recruiter, make_candidate
):
    make_candidate(recruiter, full_name="Chloé Dubois")
    make_candidate(recruiter, full_name="Jan Łukasiewicz")
    page = auth_client.get("/candidates/?q=chloe").get_data(as_text=True)
    assert "Chloé Dubois" in page and "Łukasiewicz" not in page
    listed = api.get("/api/v1/candidates", query_string={"q": "lukasiewicz"}).json
    assert [c["full_name"] for c in listed["items"]] == ["Jan Łukasiewicz"]
    csv = auth_client.get("/reports/candidates.csv?q=CHLOE").get_data(as_text=True)
    assert "Chloé Dubois" in csv and "Łukasiewicz" not in csv


def test_search_candidates_keeps_to_the_owner(recruiter, make_recruiter, make_candidate):
    other = make_recruiter()
    make_candidate(other, full_name="Chloé Other")
    make_candidate(recruiter, full_name="Chloé Mine")
    assert _found(recruiter, "chloe") == {"Chloé Mine"}


# --- client names ---------------------------------------------------------------------------


@pytest.mark.parametrize(("first", "second"), [("Émile", "émile"), ("Émile", "Émile")])
def test_client_form_refuses_a_name_equal_but_for_case(auth_client, first, second):
    assert auth_client.post("/clients/new", data={"name": first}).status_code == 302
    response = auth_client.post("/clients/new", data={"name": second})
    assert response.status_code == 422
    assert f"already have a client called {second}" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Client.id))) == 1


@pytest.mark.parametrize(("first", "second"), [("Émile", "ÉMILE"), ("Łódź", "łódź")])
def test_client_api_refuses_a_name_equal_but_for_case(api, first, second):
    assert api.post("/api/v1/clients", json={"name": first}).status_code == 201
    response = api.post("/api/v1/clients", json={"name": second})
    assert response.status_code == 422
    assert "already have a client called" in response.json["error"]["fields"]["name"][0]


def test_client_rename_to_a_name_equal_but_for_case_is_refused(recruiter, make_client):
    make_client(recruiter, name="Émile")
    other = make_client(recruiter, name="Zed")
    with pytest.raises(ServiceError) as caught:
        clients.update_client(recruiter, other, {"name": "ÉMILE"}, datetime.now(UTC))
    assert "name" in caught.value.fields
    renamed = make_client(recruiter, name="Ünal")
    clients.update_client(recruiter, renamed, {"name": "ünal"}, datetime.now(UTC))  # itself
    assert renamed.name_key == "ünal"


def test_client_names_differing_in_accents_are_different_clients(recruiter, make_client):
    make_client(recruiter, name="Émile")
    assert make_client(recruiter, name="Emile").name == "Emile"


def test_client_name_key_is_unique_in_the_database(recruiter, make_client):
    make_client(recruiter, name="Émile")
    now = datetime.now(UTC)
    db.session.add(
        Client(team_id=recruiter.team_id, name="ÉMILE", name_key="émile", created_at=now)
    )
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_find_client_by_name_ignores_case_in_every_script(recruiter, make_client):
    row = make_client(recruiter, name="Łódź Works")
    assert clients.find_client_by_name(recruiter, "  ŁÓDŹ WORKS ") == row


# --- migration ------------------------------------------------------------------------------

PREVIOUS = "b7e4c2a9d1f0"


def test_migration_backfills_search_and_name_keys(app, recruiter, schema_change):
    owner_id = recruiter.id
    db.session.close()  # no connection held across the schema change
    downgrade(revision=PREVIOUS)
    now = datetime(2026, 3, 1, tzinfo=UTC)
    with db.engine.begin() as conn:
        for i, name in enumerate(("Chloé Dubois", "Jan Łukasiewicz")):
            conn.execute(
                text(
                    "INSERT INTO candidate (owner_id, full_name, company, connection_status,"
                    " confidence, created_at, updated_at) VALUES (:o, :n, :c, 'none', 'none',"
                    " :t, :t)"
                ),
                {"o": owner_id, "n": name, "c": f"Société {i}", "t": now},
            )
        # SQLite's ASCII-only lower() let these both in.
        for name in ("Émile", "émile", "Acme"):
            conn.execute(
                text(
                    "INSERT INTO client (owner_id, name, created_at, updated_at)"
                    " VALUES (:o, :n, :t, :t)"
                ),
                {"o": owner_id, "n": name, "t": now},
            )
    db.engine.dispose()
    upgrade()
    db.session.expire_all()
    keys = dict(db.session.execute(db.select(Candidate.full_name, Candidate.search_key)).all())
    assert keys == {
        "Chloé Dubois": "chloe dubois\nsociete 0",
        "Jan Łukasiewicz": "jan lukasiewicz\nsociete 1",
    }
    assert _found(recruiter, "chloe") == {"Chloé Dubois"}
    names = dict(db.session.execute(db.select(Client.name, Client.name_key)).all())
    assert names["Émile"] == "émile" and names["Acme"] == "acme"
    assert names["émile"].startswith("émile\n")  # kept, and told apart
    with pytest.raises(ServiceError):
        clients.create_client(recruiter, {"name": "ÉMILE"}, now)


# --- query plans ----------------------------------------------------------------------------


def _plan(sql: str, params: dict) -> str:
    if db.engine.dialect.name == "sqlite":
        rows = db.session.execute(text(f"EXPLAIN QUERY PLAN {sql}"), params).all()
        return "\n".join(str(row[-1]) for row in rows)
    db.session.execute(text("SET LOCAL enable_seqscan = off"))  # a tiny table: ask if it can
    return "\n".join(row[0] for row in db.session.execute(text(f"EXPLAIN {sql}"), params))


def test_client_name_lookup_uses_the_name_key_index(recruiter, make_client):
    make_client(recruiter, name="Émile")
    if db.engine.dialect.name == "postgresql":  # a tiny table costs both indexes the same
        db.session.execute(
            text(
                "INSERT INTO client (team_id, name, name_key, created_at, updated_at)"
                " SELECT :o, 'c' || g, 'c' || g, now(), now() FROM generate_series(1, 2000) g"
            ),
            {"o": recruiter.team_id},
        )
        db.session.execute(text("ANALYZE client"))
    plan = _plan(
        "SELECT id FROM client WHERE team_id = :o AND name_key = :k",
        {"o": recruiter.team_id, "k": "émile"},
    )
    # SQLite names a UNIQUE constraint's index itself (sqlite_autoindex_client_N).
    assert "(team_id=? AND name_key=?)" in plan or "uq_client_team_id_name_key" in plan
    db.session.rollback()


def test_candidate_search_key_index_serves_an_owner_and_prefix_search(recruiter, make_candidate):
    make_candidate(recruiter, full_name="Chloé")
    if db.engine.dialect.name == "sqlite":
        db.session.execute(text("PRAGMA case_sensitive_like = ON"))  # keys are folded already
    else:  # enough rows, with statistics, that the planner weighs its indexes for real
        db.session.execute(
            text(
                "INSERT INTO candidate (team_id, full_name, connection_status, confidence,"
                " created_at, updated_at, search_key) SELECT :o, 'n' || g, 'none', 'none',"
                " now(), now(), md5(g::text) FROM generate_series(1, 2000) g"
            ),
            {"o": recruiter.team_id},
        )
        db.session.execute(text("ANALYZE candidate"))
    try:
        plan = _plan(
            "SELECT id FROM candidate WHERE team_id = :o AND search_key LIKE :p",
            {"o": recruiter.team_id, "p": "chlo%"},
        )
    finally:
        if db.engine.dialect.name == "sqlite":
            db.session.execute(text("PRAGMA case_sensitive_like = OFF"))
    assert "ix_candidate_owner_search_key" in plan
    if db.engine.dialect.name == "postgresql":
        assert "~>=~" in plan  # the prefix bounds the index range, not only the owner
    else:
        assert "search_key>?" in plan.replace(" ", "")
    db.session.rollback()
