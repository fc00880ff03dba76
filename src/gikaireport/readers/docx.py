r"""Read Word documents (.docx) into the neutral :class:`~gikaireport.document.Document`.

python-docx opens the package (after :func:`~gikaireport.readers.containers.check_docx_zip`
has refused ZIP bombs); the body is then walked in XML order, so paragraphs and tables come
out interleaved as printed.

Tables become cell grids with every merged cell emitted once, in its first position:

- a cell spanning columns (``w:gridSpan``, or the legacy ``w:hMerge``) is one cell;
- a cell spanning rows (``w:vMerge``) appears in its first row only, and the rows below it
  are shorter by one cell; as in Word, the content of the covered cells is not shown;
- ``TableCell.source`` has the 1-based table number, row number (``w:tr`` order) and the
  grid column where the cell starts; paragraphs in the cell are joined with ``"\\n"``.

Nested tables are emitted as their own :class:`~gikaireport.document.Table` blocks right after
the table that contains them (tables are numbered in document order, the outer one first); the
enclosing cell keeps only its own text. A table of one row and one cell is a frame around
content, not a grid: its content is read as if it stood in the body. Body paragraphs are
numbered in ``Source.line`` (empty ones count but are not emitted); ``heading_level`` comes from
heading styles (``heading 1``, ``标题 1``) or an outline level. Deleted revisions, field codes,
hidden runs and the fallback copies of drawings are skipped; text boxes are read after the
paragraph that anchors them. Headers, footers, footnotes and comments are not read.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from attrs import define, field
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from docx.oxml.parser import parse_xml
from lxml import etree

from gikaireport.document import Block, Document, Paragraph, Table, TableCell
from gikaireport.errors import NoTextLayerError, ReadError, UnsupportedFormatError
from gikaireport.model import Source
from gikaireport.readers.containers import check_docx_zip

__all__: list[str] = []

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_P = _W + "p"
_R = _W + "r"
_TBL = _W + "tbl"
_TR = _W + "tr"
_TC = _W + "tc"
_T = _W + "t"
_VAL = _W + "val"
_SDT = _W + "sdt"
_SDT_CONTENT = _W + "sdtContent"
_TXBX = _W + "txbxContent"
_PPR = _W + "pPr"
_RPR = _W + "rPr"
_VANISH = _W + "vanish"
_PSTYLE = _W + "pStyle"
_OUTLINE = _W + "outlineLvl"
# what a paragraph prints: text (and a formula's text), tabs, line breaks, non-breaking hyphens
_CHARACTERS = {
    _W + "tab": "\t",
    _W + "ptab": "\t",
    _W + "br": "\n",
    _W + "cr": "\n",
    _W + "noBreakHyphen": "-",
}
_MATH_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
_PRINTING = (_T, _MATH_T, *_CHARACTERS)
# what hides content: deleted revisions, the fallback copy of a drawing (its text boxes are
# already in the mc:Choice branch), tab stop definitions, hidden runs; text boxes are read
# on their own; images are counted
_IMAGES = frozenset({_W + "drawing", _W + "pict", _W + "object"})
_HIDING = frozenset({_W + "del", _W + "moveFrom", _MC + "Fallback", _W + "tabs"})
_SPECIAL = (*_HIDING, _TXBX, _VANISH, *_IMAGES)
# elements holding text that is not printed
_OTHER_TEXT = (_W + "instrText", _W + "delText", _W + "fldData")
# elements that only wrap block content (paragraphs, tables, rows, cells)
_WRAPPERS = frozenset({_W + "customXml", _W + "ins", _W + "moveTo", _W + "smartTag"})
_OFF = frozenset({"0", "false", "off"})
_STRICT = b"http://purl.oclc.org/ooxml/"
_STYLE = etree.XPath("w:style[@w:styleId=$id]", namespaces={"w": _W.strip("{}")})
_HEADING_NAME = re.compile(r"^\s*(?:heading|标题)\s*(\d)\s*$", re.IGNORECASE)


def read(data: bytes, name: str) -> Document:
    """Read a DOCX file's bytes into a Document (``Document.format`` ``"docx"``).

    Raises :class:`~gikaireport.errors.ReadError` naming ``name`` when the bytes are not a
    readable DOCX (empty, not a ZIP, truncated, a ZIP bomb, no document body, no text).
    """
    return read_docx(data, name)


def read_docx(
    data: bytes, name: str, format: str = "docx", notes: tuple[str, ...] = ()
) -> Document:
    """Read DOCX bytes, labelling the Document with ``format`` and prepending ``notes``.

    The DOC/WPS reader uses this on LibreOffice's conversion of the original file.
    """
    body, styles = _open(data, name)
    walker = _Walker(_Styles(styles), _Survey.of(body))
    walker.container(body)
    if walker.images:
        from gikaireport.readers.ocr_docx import with_pictures

        walker.blocks = with_pictures(walker.blocks, data, body, name)
    if not walker.blocks:
        if walker.images:
            raise NoTextLayerError(
                name,
                "the document has no text, only images (a scan): reading it needs OCR; "
                "pip install 'gikaireport[ocr]'",
            )
        raise ReadError(name, "the document body contains no text and no tables")
    return Document(
        tuple(walker.blocks),
        path=name,
        format=format,
        notes=(*notes, *walker.notes),
        figures=tuple(walker.figures),
    )


def _open(data: bytes, name: str) -> tuple[etree._Element, etree._Element | None]:
    """Return the ``w:body`` element and the styles element of a DOCX."""
    check_docx_zip(data, name)
    try:
        package = OpcPackage.open(io.BytesIO(data))
        part = package.main_document_part
        # a .docm or .dotx main part is not parsed by python-docx: parse its XML here
        root = getattr(part, "element", None)
        if root is None:
            root = parse_xml(part.blob)
        try:
            styles_part = part.part_related_by(RT.STYLES)
        except (KeyError, ValueError):
            styles = None
        else:
            styles = getattr(styles_part, "element", None)
            if styles is None:
                styles = parse_xml(styles_part.blob)
    except Exception as exc:  # python-docx, zipfile, zlib and lxml all raise their own errors
        if _STRICT in _member(data, "_rels/.rels"):
            raise UnsupportedFormatError(
                name, "the DOCX is in Strict Open XML, which is not supported; save it as DOCX"
            ) from exc
        raise ReadError(name, f"the DOCX cannot be opened: {_describe(exc)}") from exc
    body = root.find(_W + "body")
    if body is None:
        raise ReadError(name, "the DOCX has no document body (word/document.xml has no w:body)")
    return body, styles


def _member(data: bytes, member: str) -> bytes:
    """Return one member of an archive that ``check_docx_zip`` accepted, or ``b""``."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            return archive.read(member)
        except KeyError:
            return b""


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    if "CRC" in text or "Error -3" in text or isinstance(exc, EOFError):
        return f"a ZIP member is truncated or corrupt ({type(exc).__name__}: {text})"
    if "There is no item named" in text:
        return f"a part it refers to is missing ({text})"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@define
class _Styles:
    """Heading levels of paragraph styles, from their names or outline levels, on demand."""

    element: etree._Element | None
    levels: dict[str, int | None] = field(factory=dict)

    def level(self, style_id: str) -> int | None:
        if style_id not in self.levels:
            self.levels[style_id] = self._resolve(style_id)
        return self.levels[style_id]

    def _resolve(self, style_id: str) -> int | None:
        current: str | None = style_id
        seen: set[str] = set()
        while current and current not in seen and self.element is not None:
            seen.add(current)
            found = _STYLE(self.element, id=current)
            style = found[0] if isinstance(found, list) and found else None
            if not isinstance(style, etree._Element):
                return None
            name = style.find(_W + "name")
            match = _HEADING_NAME.match("" if name is None else name.get(_VAL) or "")
            if match and match[1] != "0":
                return int(match[1])
            outline = style.find(f"{_PPR}/{_OUTLINE}")
            if outline is not None:
                level = _int(outline.get(_VAL), 9)
                return level + 1 if 0 <= level < 9 else None
            parent = style.find(_W + "basedOn")
            current = None if parent is None else parent.get(_VAL)
        return None


def _wrapped(element: etree._Element) -> Iterator[etree._Element]:
    """Yield the children of ``element``, looking through content controls and wrappers."""
    for child in element:
        tag = child.tag
        if tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _wrapped(content)
        elif tag in _WRAPPERS:
            yield from _wrapped(child)
        else:
            yield child


def _hidden_run(vanish: etree._Element) -> etree._Element | None:
    """Return the run that a ``w:vanish`` hides, or ``None`` (a paragraph mark, or switched off)."""
    if vanish.get(_VAL, "true").lower() in _OFF:
        return None
    properties = vanish.getparent()
    run = None if properties is None or properties.tag != _RPR else properties.getparent()
    return run if run is not None and run.tag == _R else None


@define
class _Text:
    """The printed text of a paragraph, the text boxes it anchors and its images."""

    text: str
    boxes: list[etree._Element]
    images: int

    @classmethod
    def plain(cls, paragraph: etree._Element) -> _Text:
        """Read a paragraph whose only text is in ``w:t`` (libxml2 serialises the text)."""
        return cls(etree.tostring(paragraph, method="text", encoding="unicode"), [], 0)

    @classmethod
    def of(cls, paragraph: etree._Element) -> _Text:
        """Read any paragraph, applying every rule about hidden content."""
        boxes: list[etree._Element] = []
        images = 0
        hidden: set[etree._Element] = set()
        for element in paragraph.iter(*_SPECIAL):
            if element in hidden:
                continue
            tag = element.tag
            if tag in _IMAGES:
                images += 1
                continue
            if tag == _TXBX:
                boxes.append(element)
            elif tag == _VANISH:
                run = _hidden_run(element)
                if run is None:
                    continue
                element = run
            hidden.update(element.iter())
        parts = []
        for element in paragraph.iter(*_PRINTING):
            if element not in hidden:
                tag = element.tag
                characters = _CHARACTERS.get(str(tag))
                parts.append((element.text or "") if characters is None else characters)
        return cls("".join(parts), boxes, images)


@define
class _Survey:
    """One pass over the body: which paragraphs need more than their text runs, and styles.

    lxml finds the few elements concerned in C; in the other paragraphs (most of them) every
    text node is in a ``w:t``, so their text is read in one call.
    """

    involved: set[etree._Element] = field(factory=set)
    styles: dict[etree._Element, str] = field(factory=dict)
    outlines: dict[etree._Element, int] = field(factory=dict)

    @classmethod
    def of(cls, body: etree._Element) -> _Survey:
        survey = cls()
        for element in body.iter(*_SPECIAL, *_CHARACTERS, *_OTHER_TEXT):
            parent = element.getparent()
            while parent is not None and parent is not body:
                if parent.tag == _P:
                    survey.involved.add(parent)
                parent = parent.getparent()
        for element in body.iter(_PSTYLE, _OUTLINE):
            properties = element.getparent()
            paragraph = None if properties is None else properties.getparent()
            if properties is None or properties.tag != _PPR or paragraph is None:
                continue  # a pStyle recorded in a tracked formatting change
            if element.tag == _OUTLINE:
                survey.outlines[paragraph] = _int(element.get(_VAL), 9)
            else:
                survey.styles[paragraph] = element.get(_VAL) or ""
        return survey

    def text(self, paragraph: etree._Element) -> _Text:
        """Read a paragraph."""
        return _Text.of(paragraph) if paragraph in self.involved else _Text.plain(paragraph)


@define
class _Walker:
    """Walks block content in document order, appending blocks."""

    styles: _Styles
    survey: _Survey
    blocks: list[Block] = field(factory=list)
    notes: list[str] = field(factory=list)
    line: int = 0
    tables: int = 0
    images: int = 0
    figures: list[Source] = field(factory=list)

    def container(self, element: etree._Element) -> None:
        """Walk a body, a content control, an unwrapped frame cell or a text box."""
        for child in _wrapped(element):
            if child.tag == _P:
                self.paragraph(child)
            elif child.tag == _TBL:
                self.table(child)
            elif child.tag == _W + "altChunk":
                self.notes.append("an embedded document (w:altChunk) was not read")

    def paragraph(self, element: etree._Element) -> None:
        self.line += 1
        collected = self.survey.text(element)
        self.images += collected.images
        if collected.images:
            self.figures.append(Source(line=self.line))
        text = collected.text.strip()
        if text:
            self.blocks.append(Paragraph(text, Source(line=self.line), self._level(element)))
        for box in collected.boxes:
            self.container(box)

    def _level(self, element: etree._Element) -> int | None:
        outline = self.survey.outlines.get(element)
        if outline is not None:
            return outline + 1 if 0 <= outline < 9 else None
        style = self.survey.styles.get(element)
        return None if style is None else self.styles.level(style)

    def cell_lines(self, cell: etree._Element, nested: list[etree._Element]) -> list[str]:
        """Return the text lines of a cell; nested tables other than frames go to ``nested``."""
        lines: list[str] = []
        for child in _wrapped(cell):
            if child.tag == _P:
                collected = self.survey.text(child)
                self.images += collected.images
                lines.append(collected.text)
                for box in collected.boxes:
                    lines.extend(self.cell_lines(box, nested))
            elif child.tag == _TBL:
                frame = _frame_cell(child)
                if frame is None:
                    nested.append(child)
                else:
                    lines.extend(self.cell_lines(frame, nested))
        return lines

    def table(self, element: etree._Element) -> None:
        frame = _frame_cell(element)
        if frame is not None:
            self.container(frame)
            return
        self.tables += 1
        number = self.tables
        nested: list[etree._Element] = []
        rows: list[tuple[TableCell, ...]] = []
        above: set[int] = set()  # grid columns where a cell of the row above starts
        for row_number, row in enumerate(_rows(element), start=1):
            cells: list[TableCell] = []
            starts: set[int] = set()
            column = _grid_before(row)
            for cell in _cells(row):
                below, span, beside = _layout(cell)
                # a covered cell of a merge: Word paints the first cell's content only
                if below and column in above:
                    starts.add(column)
                elif not (beside and cells):
                    text = "\n".join(self.cell_lines(cell, nested)).strip()
                    source = Source(table=number, row=row_number, column=column + 1)
                    cells.append(TableCell(text, source))
                    starts.add(column)
                column += span
            above = starts
            if cells:
                rows.append(tuple(cells))
        self.blocks.append(Table(tuple(rows), Source(table=number)))
        for inner in nested:
            self.notes.append(
                f"table {self.tables + 1} was nested in a cell of table {number}; "
                "it follows that table"
            )
            self.table(inner)


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    return (child for child in _wrapped(table) if child.tag == _TR)


def _cells(row: etree._Element) -> Iterator[etree._Element]:
    return (child for child in _wrapped(row) if child.tag == _TC)


def _frame_cell(table: etree._Element) -> etree._Element | None:
    """Return the only cell of a one-row, one-cell table (a frame), else ``None``."""
    rows = list(_rows(table))
    if len(rows) != 1:
        return None
    cells = list(_cells(rows[0]))
    return cells[0] if len(cells) == 1 else None


def _grid_before(row: etree._Element) -> int:
    value = row.find(f"{_W}trPr/{_W}gridBefore")
    return 0 if value is None else max(0, _int(value.get(_VAL), 0))


# a cell's merge and span properties as one string, "<vMerge>|<gridSpan>|<hMerge>", where a
# merge is "" when absent, "1" + its value when present; evaluated in C without element objects
_LAYOUT = etree.XPath(
    "concat(substring('1', 1, count(w:tcPr/w:vMerge)), w:tcPr/w:vMerge/@w:val, '|',"
    " w:tcPr/w:gridSpan/@w:val, '|',"
    " substring('1', 1, count(w:tcPr/w:hMerge)), w:tcPr/w:hMerge/@w:val)",
    namespaces={"w": _W.strip("{}")},
)


def _layout(cell: etree._Element) -> tuple[bool, int, bool]:
    """Return (continues a vertical merge, grid span, continues a horizontal merge)."""
    parts = str(_LAYOUT(cell)).split("|")
    if len(parts) != 3:  # a "|" in an attribute value: not a valid merge or span
        return False, 1, False
    vertical, span, horizontal = parts
    return (
        vertical in ("1", "1continue"),
        max(1, _int(span or None, 1)),
        horizontal in ("1", "1continue"),
    )
