"""The vocabularies (recruiter/vocab.py) are the one list of each: the migrated database's CHECK
constraints hold exactly their values, forms offer them, and lengths come from the columns."""

from __future__ import annotations

import ast
import re
from enum import StrEnum
from pathlib import Path

import pytest
from sqlalchemy import inspect

from recruiter import vocab
from recruiter.extensions import db
from recruiter.forms import CandidateForm, ClientForm, EventForm, OutreachForm
from recruiter.models import Candidate, Client
from recruiter.vocab import values

# (table, CHECK constraint as the models name it, vocabulary)
CHECKS = [
    ("candidate", "connection_status", vocab.ConnectionStatus),
    ("interview", "status", vocab.InterviewStatus),
    ("interview", "ghost_state", vocab.GhostState),
    ("interview_event", "type", vocab.EventType),
    ("interview_event", "by", vocab.Actor),
    ("outreach", "channel", vocab.Channel),
    ("outreach", "direction", vocab.Direction),
    ("candidate_signal", "type", vocab.SignalType),
    ("suggestion", "kind", vocab.SuggestionKind),
    ("suggestion", "status", vocab.SuggestionStatus),
    ("reminder", "kind", vocab.ReminderKind),
    ("reminder", "status", vocab.ReminderStatus),
    ("recruiter", "clock", vocab.Clock),
]


@pytest.mark.parametrize(("table", "name", "vocabulary"), CHECKS)
def test_vocab_values_equal_the_migrated_check_constraint(app, table, name, vocabulary):
    constraints = inspect(db.engine).get_check_constraints(table)
    [check] = [c for c in constraints if c["name"] == f"ck_{table}_{name}"]
    assert re.findall(r"'([^']*)'", check["sqltext"]) == list(values(vocabulary))


def test_vocab_is_a_leaf():
    source = Path(vocab.__file__).read_text()
    imported = [
        node.module or ""
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom)
    ] + [
        alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    assert not [m for m in imported if m.startswith("recruiter")]


def test_vocab_members_are_strings():
    for _, _, vocabulary in CHECKS:
        assert issubclass(vocabulary, StrEnum)
        assert all(member == member.value for member in vocabulary)


def test_vocab_form_choices_follow_the_vocabularies(app):
    with app.test_request_context():
        choices = {
            "connection_status": [c[0] for c in CandidateForm().connection_status.iter_choices()],
            "type": [c[0] for c in EventForm().type.iter_choices()],
            "by": [c[0] for c in EventForm().by.iter_choices()],
            "channel": [c[0] for c in OutreachForm().channel.iter_choices()],
            "direction": [c[0] for c in OutreachForm().direction.iter_choices()],
        }
    assert choices["connection_status"] == list(values(vocab.ConnectionStatus))
    assert choices["type"] == list(values(vocab.EventType))
    assert choices["by"] == ["", *values(vocab.Actor)]
    assert choices["channel"] == list(values(vocab.Channel))
    assert choices["direction"] == list(values(vocab.Direction))


# (form class, API path, field, column, other required fields)
LENGTHS = [
    (CandidateForm, "/api/v1/candidates", "full_name", Candidate.__table__.c.full_name, {}),
    (
        CandidateForm,
        "/api/v1/candidates",
        "phone",
        Candidate.__table__.c.phone,
        {"full_name": "Ada"},
    ),
    (ClientForm, "/api/v1/clients", "name", Client.__table__.c.name, {}),
    (
        ClientForm,
        "/api/v1/clients",
        "contact_name",
        Client.__table__.c.contact_name,
        {"name": "Acme"},
    ),
]


@pytest.mark.parametrize(("form_class", "path", "field", "column", "others"), LENGTHS)
def test_vocab_lengths_one_past_the_column_are_refused(
    app, api, form_class, path, field, column, others
):
    too_long = "x" * (column.type.length + 1)
    with app.test_request_context(method="POST", data={**others, field: too_long}):
        form = form_class()
        assert not form.validate()
        assert field in form.errors
        assert str(column.type.length) in form.errors[field][0]
    response = api.post(path, json={**others, field: too_long})
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]
    assert api.post(path, json={**others, field: too_long[:-1]}).status_code == 201
