import datetime as dt
import json
from decimal import Decimal

import attrs
import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

import gikaireport
from gikaireport.export.json import from_dict
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


def _handwritten_json(report):
    """The JSON the hand-written serializer wrote (the oracle of byte-for-byte equality)."""
    import json_handwritten

    return json.dumps(json_handwritten.to_dict(report), ensure_ascii=False, indent=2)


def test_seed_json_is_byte_for_byte_what_it_was(corpus):
    import json_handwritten

    for path in sorted((corpus / "seeds").glob("*.txt")):
        report = gikaireport.read(path)
        assert gikaireport.to_json(report, indent=2) == _handwritten_json(report), path.name
        assert from_dict(json_handwritten.to_dict(report)) == report


ORIGIN = gikaireport.Origin(
    "attachment",
    url="https://example.gov.cn/a.pdf",
    fetched_at=dt.datetime(2024, 3, 1, 8, 30, 5, tzinfo=dt.timezone.utc),
    page_url="https://example.gov.cn/p.html",
    page_title="某县2023年政府信息公开工作年度报告",
    page_published=dt.date(2024, 1, 20),
    site_name="某县人民政府",
    attachments=("https://example.gov.cn/a.pdf", "https://example.gov.cn/b.docx"),
)


@settings(max_examples=30)
@given(reports(version=None, not_applicable=True), st.sampled_from(["tab_rows", "pipe_cells"]))
def test_generated_json_is_byte_for_byte_what_it_was(report, layout):
    read = gikaireport.parse_text(render_text(report, layout), path="r.txt")
    for each in (report, read, attrs.evolve(read, origin=ORIGIN)):
        assert gikaireport.to_json(each, indent=2) == _handwritten_json(each)


def test_a_cell_read_by_ocr_keeps_its_confidence_byte_for_byte():
    fee = gikaireport.Cell(
        "proactive.fees.amount",
        gikaireport.CellStatus.NUMBER,
        Decimal("0.7452"),
        "0.7452",
        gikaireport.Source(page=2, table=1, row=3, column=4, confidence=0.875),
    )
    ocr = attrs.evolve(gikaireport.Report.from_cells("2021", {fee.id: fee}), origin=ORIGIN)
    assert gikaireport.to_json(ocr, indent=2) == _handwritten_json(ocr)
    assert gikaireport.from_json(gikaireport.to_json(ocr)) == ocr


def test_a_field_of_the_wrong_type_is_named_by_its_path():
    import pytest

    from gikaireport.export.json import to_dict
    from gikaireport.validate.examples import example_report

    cases = [
        (("meta", "year"), "2022", r"\$\.meta\.year"),  # a string is not taken for a number
        (("parts", 0, "heading"), None, r"\$\.parts\[0\]\.heading"),  # nor None for text
        (("meta", "published"), "2023-13-01", r"\$\.meta\.published"),
    ]
    for (*where, last), value, named in cases:
        data = to_dict(example_report())
        target = data
        for key in where:
            target = target[key]
        target[last] = value
        with pytest.raises(ValueError, match=rf"^not a gikaireport report document: .*{named}"):
            from_dict(data)
