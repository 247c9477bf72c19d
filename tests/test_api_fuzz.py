"""The API against its own OpenAPI document: schemathesis generates valid and invalid requests
for every operation (a small, fixed, deterministic budget) and checks that none is a 5xx, every
answer matches its documented schema, valid data is accepted and invalid data refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from recruiter.extensions import db
from recruiter.models import Recruiter
from recruiter.services import accounts
from recruiter.views.api.openapi import build_document
from tests.conftest import NOW

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
    positive_data_acceptance,
]


@pytest.fixture
def seeded(app: Flask, recruiter: Recruiter, make_interview, make_outreach, make_client) -> str:
    """A recruiter with a little of everything (ids 1, 2, ... exist) and a token."""
    client = make_client(recruiter)
    interview = make_interview(
        recruiter, client_id=client.id, events=(("no_show", NOW + timedelta(days=2)),)
    )
    make_outreach(recruiter, interview.candidate, interview_id=interview.id)
    _, token = accounts.create_token(recruiter, "fuzz")
    db.session.commit()
    return token


# Writes whose valid requests can still be refused, with a 422 naming the field, by what is
# stored: a client name already taken, an id in the body that is not the recruiter's, a change
# the interview's history does not allow (a second no-show, a reply before the message), a file
# that is not an export, a filter value the report named in the path does not take; and lists
# whose filters contradict each other (min_score above max_score, from after to, sent_from
# after sent_to, scheduled_from after scheduled_to); a merge of a candidate into itself. The
# document cannot say which rows exist; every other operation must accept what its document
# calls valid.
STATEFUL = (
    "list_candidates",
    "list_interviews",
    "list_outreach",
    "list_suggestions",
    "create_client",
    "create_interview",
    "add_event",
    "retract_event",
    "create_outreach",
    "record_response",
    "reminder_snooze",
    "accept_suggestion",
    "dismiss_suggestion",
    "undo_suggestion",
    "create_signal",
    "import_linkedin",
    "download_report",
    "merge_candidate",
)
# A profile URL another candidate has: 409 naming it (two generated candidates may share one).
CONFLICTING = ("create_candidate", "update_candidate")
ACCEPTED = ["2xx", "401", "404", "429"]
CONFIG = schemathesis.Config.from_dict(
    {
        "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED}},
        "operations": [
            {
                "include-operation-id": list(STATEFUL),
                "checks": {"positive_data_acceptance": {"expected-statuses": [*ACCEPTED, "422"]}},
            },
            {
                "include-operation-id": list(CONFLICTING),
                "checks": {"positive_data_acceptance": {"expected-statuses": [*ACCEPTED, "409"]}},
            },
        ],
    }
)

# The document the app serves (test_openapi checks they are the same), loaded without an app: the
# fixture-based loader does not run on this pytest; each call goes to the test's app in-process.
schema = schemathesis.openapi.from_dict(build_document(), config=CONFIG)
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=5, deterministic=True
)


@schema.parametrize()
@settings(
    max_examples=5,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_fuzz_keeps_its_document(case, app: Flask, seeded: str) -> None:  # type: ignore[no-untyped-def]
    case.call_and_validate(app=app, headers={"Authorization": f"Bearer {seeded}"}, checks=CHECKS)
