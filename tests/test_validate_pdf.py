"""The real published PDF is consistent: validation reports no ERROR on it."""

import gikaireport
from gikaireport import Severity


def test_no_error_on_the_corpus_pdf(corpus):
    report = gikaireport.read(corpus / "pdf" / "hzq2024_working.pdf")
    errors = [f for f in gikaireport.validate(report) if f.severity is Severity.ERROR]
    assert errors == []
    merged = [f for f in gikaireport.validate(report) if f.code == "GK109"]
    assert merged and "applications.results.other.other.total" in merged[0].cells
