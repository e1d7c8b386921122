"""Every answer the API gives, in its OpenAPI schema (on top of what the routers declare).

The routers declare their own results (200, 201, 409, ...). The answers that come from
the layers around them are added here, in one place, so that no operation forgets one:

- 400: a body that is not JSON at all;
- 401: no session (an operation with a security requirement);
- 403: logged in but not a patient, or the CSRF header missing or wrong;
- 413: a body over DATA_UPLOAD_MAX_MEMORY_SIZE (backcoach/limits.py);
- 422: a body, path or query value that does not validate, naming the field;
- 503 with Retry-After: a write the server is too busy to take now (retry later).

Each write also gets an example body that the server takes (the loaded program, dates
of the last hour), so that clients and schemathesis see a valid one.

Writes also need the X-CSRFToken header: a second security scheme, required together
with the session cookie, instead of a parameter on every operation.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

ERROR = "Error"
ERROR_SCHEMA: dict[str, Any] = {
    "title": ERROR,
    "type": "object",
    "properties": {
        "detail": {
            "title": "Detail",
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "object", "additionalProperties": True}},
            ],
        }
    },
    "required": ["detail"],
}
CSRF_SCHEME = {"type": "apiKey", "in": "header", "name": "X-CSRFToken"}
WRITES = {"post", "put", "patch", "delete"}

ANSWERS = {
    400: "The body is not JSON.",
    401: "Not logged in: no valid session cookie.",
    403: "Not a patient's own account, or the X-CSRFToken header is missing or wrong.",
    413: "The request body is larger than the server accepts (MAX_REQUEST_BYTES).",
    422: "A value does not validate; `detail[].loc` names the field.",
    503: "The server is too busy to take this write now; retry after `Retry-After` seconds.",
}


def _error(code: int) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "description": ANSWERS[code],
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR}"}}},
    }
    if code == 503:
        answer["headers"] = {
            "Retry-After": {
                "description": "Seconds to wait before sending the write again",
                "schema": {"type": "integer", "minimum": 0},
            }
        }
    return answer


def document(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {})[ERROR] = ERROR_SCHEMA
    schemes = components.setdefault("securitySchemes", {})
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            codes = []
            if operation.get("security"):
                codes += [401, 403]
                if method in WRITES:
                    schemes["CSRFToken"] = CSRF_SCHEME
                    operation["security"] = [
                        {**requirement, "CSRFToken": []} for requirement in operation["security"]
                    ]
            if "requestBody" in operation:
                codes += [400, 413]
            if "requestBody" in operation or operation.get("parameters"):
                codes.append(422)
            if method in WRITES:
                codes.append(503)
            responses = operation.setdefault("responses", {})
            declared = {int(code) for code in responses}
            for code in codes:
                if code not in declared:
                    responses[code] = _error(code)
    return schema


def _example_bodies() -> dict[tuple[str, str], Any]:
    """A valid body per write, named by the deployment's own program (one owner: the registry)."""
    from backcoach.programs import registry

    loaded = registry.default().program
    now = timezone.now().replace(microsecond=0)
    session = {
        "uuid": "8a3c3f2e-6f1d-4b7a-9a52-2f0d8c1e4b01",
        "program": loaded.program.id,
        "program_version": loaded.program.version,
        "language": "nl",
        "started_at": (now - timedelta(minutes=20)).isoformat(),
        "ended_at": (now - timedelta(minutes=5)).isoformat(),
        "pain_before": 4,
        "pain_after": 3,
        "outcome": "completed",
    }
    result = {
        "uuid": "0f6b2d4c-1a9e-4c3b-8d7f-5e2a1b0c9d02",
        "session": session["uuid"],
        "exercise_id": loaded.exercises[0].id,
        "reps_done": {"left": 5, "right": 5},
        "completed_at": (now - timedelta(minutes=15)).isoformat(),
    }
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    return {
        ("post", "/api/practice/sessions"): session,
        ("post", "/api/practice/results"): result,
        ("post", "/api/practice/history"): {"sessions": [{**session, "results": [result]}]},
        ("put", "/api/diary/entries/{day}"): {"pain_nrs": 3, "sessions_done": 1, "note": ""},
        ("post", "/api/diary/upload"): {
            "entries": [{"day": day, "pain_nrs": 3, "sessions_done": 1, "note": ""}]
        },
    }


def add_examples(schema: dict[str, Any]) -> dict[str, Any]:
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    for (method, path), body in _example_bodies().items():
        operation = schema.get("paths", {}).get(path, {}).get(method)
        if operation is None:
            continue
        operation["requestBody"]["content"]["application/json"]["example"] = body
        for parameter in operation.get("parameters", []):
            if parameter["name"] == "day":
                parameter["example"] = day
    return schema
