"""Clients through the form and the API."""

from recruiter.extensions import db
from recruiter.models import Client


def test_client_form_create_edit_and_duplicate(auth_client):
    response = auth_client.post(
        "/clients/new", data={"name": "Globex Health", "contact_name": "Tom"}
    )
    assert response.status_code == 302
    client = db.session.scalar(db.select(Client))
    assert b"Globex Health" in auth_client.get(f"/clients/{client.id}").data
    response = auth_client.post(
        f"/clients/{client.id}/edit",
        data={"name": "Globex", "contact_email": "tom@globex.example.com"},
    )
    assert response.status_code == 302
    db.session.refresh(client)
    assert client.name == "Globex"
    response = auth_client.post("/clients/new", data={"name": "globex"})
    assert response.status_code == 422
    assert b"already have a client called globex" in response.data
    response = auth_client.post("/clients/new", data={"name": ""})
    assert response.status_code == 422 and b"This field is required." in response.data


def test_client_api(api):
    response = api.post("/api/v1/clients", json={"name": "Initech", "contact_name": "Bill"})
    assert response.status_code == 201
    cid = response.json["id"]
    assert api.get(f"/api/v1/clients/{cid}").json["contact_name"] == "Bill"
    assert api.get("/api/v1/clients").json["total"] == 1
    response = api.post("/api/v1/clients", json={"contact_name": "No name"})
    assert response.status_code == 422 and "name" in response.json["error"]["fields"]
    response = api.post("/api/v1/clients", json={"name": "Initech"})
    assert response.status_code == 422 and "name" in response.json["error"]["fields"]
    response = api.client.post("/api/v1/clients", data="not json", headers=api.headers)
    assert response.status_code == 400
