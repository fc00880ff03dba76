"""The dataset on the real documents of the corpus: every agency placed in its county."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from conftest import load_labels
from gikaireport.regions import build_dataset

EXPECTED = {
    "000_584dbe52e0b9f186.txt": ("141130", "county", "government"),  # 山西 交口县
    "001_f827ae0e78b185da.txt": ("431225", "county", "government"),  # 湖南 会同县
    "002_fbb51525c9b5bd86.txt": ("141034", "county", "general_office"),  # 山西 汾西县
    "003_c8c345f986c28d6b.txt": ("140224", "township", "township"),  # 灵丘县下关乡
    "004_976e77ab14f5ccf4.txt": ("130532", "county", "general_office"),  # 河北 平乡县
    "hzq2024_working.pdf": ("320813", "county", "government"),  # 淮安市洪泽区
}


def test_corpus_agencies_are_placed(corpus: Path, tmp_path: Path) -> None:
    reports = [corpus / "seeds" / name for name in EXPECTED if name.endswith(".txt")]
    reports.append(corpus / "pdf" / "hzq2024_working.pdf")
    summary = build_dataset(reports, tmp_path)
    assert summary.files == 6 and summary.unreadable == 0
    labels = {**load_labels(corpus / "seeds"), **load_labels(corpus / "pdf")}
    rows = pq.read_table(tmp_path / "reports.parquet").to_pylist()
    for row in rows:
        name = Path(row["path"]).name
        assert (row["region_code"], row["agency_level"], row["agency_kind"]) == EXPECTED[name]
        label = labels.get(name, {})
        if "agency_contains" in label:
            assert label["agency_contains"] in row["agency"], name
        if "year" in label:
            assert row["year"] == label["year"]
