from conftest import load_labels
from gikaireport import FORMAT_2019, FORMAT_2021
from gikaireport.formats import FORMATS, get_format


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
