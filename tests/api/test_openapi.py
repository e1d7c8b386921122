"""The served OpenAPI schema names every answer and the auth as security schemes."""

from __future__ import annotations

from django.test import Client

from tests.api.conftest import writes


def _schema(client: Client) -> dict:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_five_writes_are_the_ones_the_limit_tests_cover(client: Client, db: None) -> None:
    paths = _schema(client)["paths"]
    served = {
        (method, path) for path, ops in paths.items() for method in ops if method in {"post", "put"}
    }
    covered = {(w.method, w.path.replace("2026-03-02", "{day}")) for w in writes()}
    assert served == covered


def test_every_write_documents_every_answer(client: Client, db: None) -> None:
    schema = _schema(client)
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            codes = set(op["responses"])
            if op.get("security"):
                assert {"401", "403"} <= codes, (method, path)
            if "requestBody" in op:
                assert {"400", "413", "422", "503"} <= codes, (method, path)
                assert op["security"] == [{"SessionAuth": [], "CSRFToken": []}]
                assert "example" in op["requestBody"]["content"]["application/json"]
            assert "503" not in codes or "Retry-After" in op["responses"]["503"]["headers"]
            names = [p["name"] for p in op.get("parameters", [])]
            assert "sessionid" not in names and "X-CSRFToken" not in names, (method, path)
    schemes = schema["components"]["securitySchemes"]
    assert schemes["SessionAuth"] == {"type": "apiKey", "in": "cookie", "name": "sessionid"}
    assert schemes["CSRFToken"] == {"type": "apiKey", "in": "header", "name": "X-CSRFToken"}


def test_the_example_bodies_are_taken(client: Client, db: None) -> None:
    """The examples name the loaded program and recent dates: a client can copy them."""
    from django.contrib.auth.models import User

    from backcoach.clinic.models import Clinic, Patient

    paths = _schema(client)["paths"]
    user = User.objects.create_user("alice")
    Patient.objects.create(clinic=Clinic.objects.create(name="A"), user=user, display_name="A")
    client.force_login(user)
    day = paths["/api/diary/entries/{day}"]["put"]["parameters"][0]["example"]
    for path, method in [
        ("/api/practice/sessions", "post"),
        ("/api/practice/results", "post"),
        ("/api/practice/history", "post"),
        ("/api/diary/entries/{day}", "put"),
        ("/api/diary/upload", "post"),
    ]:
        body = paths[path][method]["requestBody"]["content"]["application/json"]["example"]
        response = getattr(client, method)(
            path.replace("{day}", day), body, content_type="application/json"
        )
        assert response.status_code in (200, 201), (path, response.content)
