from __future__ import annotations

from flask import g, jsonify

from recruiter.extensions import db
from recruiter.services import clients
from recruiter.views.api import body, paginated, query, route
from recruiter.views.api.schemas import ClientCreate, ClientOut, ListQuery, dump
from recruiter.views.helpers import utcnow


@route("/clients", "GET", "List clients", query=ListQuery, response=ClientOut, list_response=True)
def list_clients():  # type: ignore[no-untyped-def]
    args = query(ListQuery)
    return paginated(
        clients.list_clients(g.recruiter), args.page, args.per_page, lambda c: dump(ClientOut, c)
    )


@route("/clients", "POST", "Create a client", body=ClientCreate, response=ClientOut, status=201)
def create_client():  # type: ignore[no-untyped-def]
    data = body(ClientCreate).model_dump(exclude_unset=True)
    client = clients.create_client(g.recruiter, data, utcnow())
    db.session.commit()
    return jsonify(dump(ClientOut, client)), 201


@route("/clients/<int:client_id>", "GET", "Show a client", response=ClientOut)
def get_client(client_id: int):  # type: ignore[no-untyped-def]
    return jsonify(dump(ClientOut, clients.get_client(g.recruiter, client_id)))
