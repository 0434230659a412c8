from pathlib import Path

import jsonschema

from companion.schemas import render
from factories import make_capture

ROOT = Path(__file__).resolve().parents[1]


def test_shared_schemas_match_models():
    expected = render()
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "shared-schemas").glob("*.schema.json")}
    assert set(on_disk) == set(expected), "run scripts/export_schemas.py"
    for name, text in expected.items():
        assert on_disk[name] == text, f"{name} drifted from companion/models.py: run scripts/export_schemas.py"


def test_example_capture_validates_against_schema():
    import json

    schema = json.loads((ROOT / "shared-schemas" / "capture.schema.json").read_text())
    jsonschema.validate(make_capture(), schema)
    bad = make_capture(platform="amazon")
    try:
        jsonschema.validate(bad, schema)
    except jsonschema.ValidationError as exc:
        assert list(exc.path) == ["platform"]
    else:
        raise AssertionError("platform outside the enum must not validate")


def test_real_responses_match_the_capture_result_schema(client, auth):
    import json

    from companion.models import CaptureResult

    schema = json.loads((ROOT / "shared-schemas" / "capture-result.schema.json").read_text())
    body = client.post("/api/v1/captures", json=make_capture(), headers=auth).json
    jsonschema.validate(body, schema)
    CaptureResult.model_validate(body)
    jsonschema.validate(client.get(f"/api/v1/cases/{body['case']['id']}", headers=auth).json, schema)
