import json

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

import gikaireport
from gikaireport.testing import render_text, reports

SCHEMA = gikaireport.json_schema()


@given(reports(version=None, not_applicable=True))
def test_json_round_trip_is_lossless(report):
    text = gikaireport.to_json(report)
    assert gikaireport.from_json(text) == report
    jsonschema.validate(json.loads(text), SCHEMA)


@given(reports(), st.sampled_from(["tab_rows", "pipe_cells"]))
def test_read_reports_round_trip_with_sources_and_deviations(report, layout):
    read = gikaireport.parse_text(render_text(report, layout), path="r.txt")
    assert gikaireport.from_json(gikaireport.to_json(read)) == read
    jsonschema.validate(json.loads(gikaireport.to_json(read)), SCHEMA)


def test_decimals_keep_every_digit(corpus):
    report = gikaireport.read(next((corpus / "seeds").glob("000_*.txt")))
    data = json.loads(gikaireport.to_json(report))
    assert data["cells"]["proactive.fees.amount"]["value"] == "0.7452"
    assert data["cells"]["proactive.licensing.decisions"]["value"] == 4394
    assert data["meta"]["published"] == "2023-01-12"


def test_schema_rejects_a_missing_cell():
    import pytest

    data = json.loads(gikaireport.to_json(reports().example()))
    del data["cells"]["applications.results.total.total"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)
    with pytest.raises(ValueError, match="not a gikaireport report"):
        gikaireport.from_json(json.dumps(data))
