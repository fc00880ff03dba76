"""Deviations: what reading repaired, tolerated or could not find, and their kinds.

:class:`DeviationKind` is the one declaration of the kinds readers and the assembler record.
Each validation rule that reports deviations names the kinds it reports (see
``gikaireport.validate.rules.structure``); a kind no rule names is reported by
``other-deviation`` (GK199).
"""

from __future__ import annotations

import enum

from attrs import field, frozen

from gikaireport.model.cells import Source

__all__ = ["DEVIATION_KINDS", "Deviation", "DeviationKind"]


class DeviationKind(str, enum.Enum):
    """The kinds of deviation reading records; the value is the text JSON output carries.

    A member compares equal to its text (``DeviationKind.ROW_MISSING == "row-missing"``);
    :attr:`description` says what it means.
    """

    description: str

    def __new__(cls, value: str, description: str) -> DeviationKind:  # noqa: D102
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    def __str__(self) -> str:
        return str(self.value)

    PART_MISSING = ("part-missing", "a part's heading was not found")
    PART_ORDER = ("part-order", "a part appears out of order")
    HEADING_UNNUMBERED = ("heading-unnumbered", "a part heading is printed without its number")
    HEADING_RENUMBERED = (
        "heading-renumbered",
        "a part heading is printed with another enumerator",
    )
    HEADING_VARIANT = ("heading-variant", "a part heading uses a variant wording")
    LABEL_VARIANT = (
        "label-variant",
        "a row or column label uses a known variant or misspelling",
    )
    ROW_MISSING = ("row-missing", "an official row was not found")
    ROW_BY_POSITION = (
        "row-by-position",
        "a row without its label was placed by its position",
    )
    ROWS_MERGED = ("rows-merged", "several official rows are printed as one row")
    MIXED_VERSION = ("mixed-version", "a block prints the labels of the other format version")
    TABLE_MISSING = ("table-missing", "a table was not found")
    TABLE_IMAGE = (
        "table-image",
        "a table is printed as a picture (its numbers, if any, come from OCR)",
    )
    EXTRA_VALUES = ("extra-values", "more numbers follow a label than the row has columns")
    VALUES_SHORT = (
        "values-short",
        "fewer numbers follow a label than the row has columns (in text without "
        "cell boundaries, where a blank cell leaves no trace)",
    )
    OCR_DOUBTFUL = (
        "ocr-doubtful",
        "a cell was read by OCR with a low confidence; its reading may be wrong",
    )
    OCR_CORRECTION = (
        "ocr-correction",
        "another OCR reading of a doubtful cell satisfies every sum relation it is "
        "in (a proposal; the value is unchanged)",
    )
    DOCUMENT_TRUNCATED = (
        "document-truncated",
        "the document ends inside a table: its last rows and every later part "
        "are missing (one deviation for the cut, naming every absent cell)",
    )
    PUBLISHED_FROM_PAGE = (
        "published-from-page",
        "the 落款 prints no date; the publication date is the one the web page states (发布日期)",
    )
    READINGS_DISAGREE = (
        "readings-disagree",
        "two readings of the file print a cell differently and nothing decides between them",
    )
    OCR_TEXT_LAYER = (
        "ocr-text-layer",
        "a cell was read from invisible text over a page image (an OCR text layer)",
    )
    READER_NOTE = (
        "reader-note",
        "something the reader could not read (a page without text, say), in its own words",
    )


DEVIATION_KINDS: dict[str, str] = {kind.value: kind.description for kind in DeviationKind}
"""Every deviation kind's text with what it means (from :class:`DeviationKind`)."""


def _kind_text(kind: str) -> str:
    """The plain text of a kind: a :class:`DeviationKind` is stored as its value."""
    return kind.value if isinstance(kind, DeviationKind) else kind


@frozen
class Deviation:
    """Something the reader repaired, tolerated or could not find.

    Deviations are facts about the document, not verdicts: the validation rules turn them
    into findings with codes and severities.

    Attributes:
        kind: what happened: a :class:`DeviationKind` (stored as its text, so JSON and
            comparisons see ``"row-missing"``), or a reader's own kind, which the rule
            ``other-deviation`` reports.
        message: a one-line description in Chinese, naming the official label.
        cells: the canonical ids of the cells concerned.
        source: where in the document.
        expected: what the format prescribes (an official label, a heading).
        found: what the document prints instead.

    """

    kind: str = field(converter=_kind_text)
    message: str
    cells: tuple[str, ...] = ()
    source: Source | None = None
    expected: str | None = None
    found: str | None = None
