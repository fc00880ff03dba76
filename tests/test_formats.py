import pytest

from conftest import load_labels
from gikaireport import FORMAT_2019, FORMAT_2021, parse_text
from gikaireport.formats import (
    CAPTIONS,
    FORMATS,
    canonical_id,
    format_for_year,
    get_format,
    split_canonical_id,
)
from gikaireport.testing.html import render_html
from gikaireport.testing.text import render_text
from gikaireport.validate.examples import example_report


def test_2021_has_the_200_cells_of_the_data_dictionary():
    ids = FORMAT_2021.cell_ids
    assert len(ids) == len(set(ids)) == 200
    assert sum(1 for c in ids if c.startswith("proactive.")) == 10
    assert sum(1 for c in ids if c.startswith("applications.")) == 175
    assert sum(1 for c in ids if c.startswith("review_litigation.")) == 15


def test_canonical_ids_equal_the_labelled_ids_in_order(corpus):
    labels = load_labels(corpus / "seeds")
    for entry in labels.values():
        assert list(entry["cells"]) == list(FORMAT_2021.cell_ids)


def test_relations_reference_declared_cells_only():
    for spec in FORMATS.values():
        ids = set(spec.cell_ids)
        for relation in spec.relations:
            assert set(relation.cells) <= ids, relation.id
        families = {r.family for r in spec.relations}
        assert families == {"balance", "results_total", "row_total", "block_total"}


def test_results_total_sums_the_21_result_rows_in_2021_and_19_in_2019():
    def width(spec):
        relation = next(r for r in spec.relations if r.id == "applications.results_total.total")
        return len(relation.right)

    assert width(FORMAT_2021) == 21
    assert width(FORMAT_2019) == 19


def test_get_format_rejects_unknown_versions():
    import pytest

    with pytest.raises(ValueError, match="2018"):
        get_format("2018")


def test_header_captions_are_declared_on_the_tables():
    assert FORMAT_2021.table("proactive").captions.texts == ("信息内容",)
    applications = FORMAT_2019.table("applications").captions
    assert (applications.columns, applications.column_group) == ("申请人情况", "法人或其他组织")
    assert applications.label_column.startswith("（本列数据的勾稽关系为")
    assert applications.row_group == "三、本年度办理结果"
    assert FORMAT_2021.table("review_litigation").captions.texts == ("行政诉讼",)
    for spec in FORMATS.values():
        for table in spec.tables:
            group = table.captions.row_group
            assert not group or any(row.group == group for row in table.rows), table.id
    assert "申请人情况" in CAPTIONS and "（三）不予公开" not in CAPTIONS


@pytest.mark.parametrize(
    ("year", "version"),
    [(2017, "2019"), (2019, "2019"), (2020, "2019"), (2021, "2021"), (2030, "2021")],
)
def test_the_version_of_a_year_comes_from_the_declarations(year, version):
    assert format_for_year(year).version == version


@pytest.mark.parametrize("version", sorted(FORMATS))
def test_the_renderers_print_every_declared_caption(version):
    report = example_report(version=version)
    text = render_text(report)
    page = render_html(report).decode("utf-8")
    for table in get_format(version).tables:
        for caption in table.captions.texts:
            assert caption in text, (table.id, caption)
            assert caption in page, (table.id, caption)


def test_a_decisive_label_outweighs_the_year():
    # a 2020 report printed with 2021's three rows under （六）其他处理 is read as 2021
    report = example_report(version="2021", year=2020)
    assert parse_text(render_text(report)).format_version == "2021"


def test_canonical_ids_are_made_and_taken_apart_in_one_place():
    for spec in FORMATS.values():
        for cell in spec.cells():
            parts = split_canonical_id(cell.id)
            assert parts == (cell.table.id, cell.row.id, cell.column.id)
            assert canonical_id(*parts) == cell.id
        for table in spec.tables:
            assert table.cell_ids == tuple(c for c in spec.cell_ids if c.startswith(table.id + "."))
    for bad in ("applications", "applications.total", ".x.y", "a..b"):
        with pytest.raises(ValueError, match="not a canonical cell id"):
            split_canonical_id(bad)
