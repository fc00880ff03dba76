"""The plain-text reader: text extracted from web pages, Word files and PDFs.

Tables flattened into text come in a handful of layouts (FORMAT.md section 7). This reader
recognises the layout line by line and rebuilds cell grids where it can:

- tab rows (PDF text): one table row per line, cells separated by tabs;
- tab-indented cells (Word text): one cell per line starting with a tab, rows separated by
  blank lines, a cell's own line breaks continuing on lines without a tab;
- pipe rows (web text): ``a | b | c`` or markdown ``| a | b |`` rows, a row possibly spread
  over several lines;
- pipe cells (web text): one cell per line ending in ``|``, a bare ``|`` line an empty cell,
  runs of ``||`` padding for spanned cells;
- one cell per paragraph: lines without any separator, left as paragraphs for the assembler.

Everything else becomes a :class:`~gikaireport.document.Paragraph` per line.
"""

from __future__ import annotations

import codecs
import re
from functools import partial
from itertools import accumulate, chain, count, repeat

from gikaireport.document import Block, Document, Paragraph, Table, TableCell
from gikaireport.errors import ReadError
from gikaireport.lexicon import Token, looks_like_value, read_token
from gikaireport.model import Source

__all__: list[str] = []

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_PADDING = re.compile(r"^\s*\|{2,}\s*$")
# Word conversion artefacts, not content.
_ARTEFACT = re.compile(r"\[bookmark: [^\]]*\]|\{\\[^}]*\}")


def decode(data: bytes, name: str) -> str:
    """Decode text bytes: BOMs first, then UTF-16 without BOM, UTF-8, GB18030.

    Raises :class:`ReadError` for data that is not text (binary content).
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    sample = data[:4096]
    zeros = sample.count(0)
    even_zeros = sample[0::2].count(0) if zeros else 0
    odd_zeros = zeros - even_zeros
    if (
        len(sample) >= 4
        and zeros * 20 >= len(sample)
        and max(even_zeros, odd_zeros) * 5 >= zeros * 4
    ):
        # UTF-16 without a BOM: the ASCII characters (digits, tabs, newlines) put their zero
        # byte always on the same side
        encoding = "utf-16-le" if odd_zeros > even_zeros else "utf-16-be"
        text = data.decode(encoding, errors="replace")
    else:
        for encoding in ("utf-8", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            text = data.decode("utf-8", errors="replace")
    if encoding == "utf-8" and len(data) <= 65536:
        # the same count, faster: UTF-8 writes a control character as its own byte, and
        # no other character with a byte below 0x80
        controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    else:
        controls = len(_CONTROL.findall(text[:65536]))
    if controls > 0.05 * min(len(text), 65536) or text[:65536].count("\ufffd") > 0.3 * min(
        len(text), 65536
    ):
        raise ReadError(name, "binary data, not text (no known text encoding fits)")
    return text


def read(data: bytes, name: str) -> Document:
    """Read a plain-text file into a Document."""
    return document_from_text(decode(data, name), name)


_SHAPE = "bcrpst"
"""A line's kind, one letter (see :func:`_kind`): ``b`` blank, ``c`` a tab-indented cell
(Word text), ``r`` a tab row (PDF text), ``p`` a line with pipes, ``s`` a row whose cells
are separated by spaces, ``t`` text. A document's kinds make one string, its *shape*, which
regular expressions scan for runs of lines."""


def _kind(line: str) -> str:
    """A line's kind, one of :data:`_SHAPE`."""
    tab = line.find("\t")
    if tab == 0 and line.find("\t", 1) < 0:
        return "c"  # a Word cell, possibly empty
    if not line.strip():
        return "b"
    if tab >= 0:
        if "\t" in line.strip():
            return "r"  # two cells at least: a tab between its first and last printed text
        (cell,) = [cell for cell in line.split("\t") if cell.strip()]
        return "t" if _looks_like_heading(cell) else "r"  # a heading put in a table cell?
    if "|" in line:
        return "p"
    if " " not in line and "\u3000" not in line:
        return "t"  # no space to separate cells (the test below, in short)
    if "  " not in line and "\u3000" not in line and not _LABEL_VALUE.match(line):
        return "t"  # no gap between cells (the test _spaced_cells starts with)
    if _spaced_cells(line) is not None:
        return "s"
    return "t"


def _shape(lines: list[str]) -> str:
    """Every line's kind (see :func:`_kind`), the common ones told without a call."""
    return "".join(
        [
            "b"
            if not line
            else "c"
            if line[0] == "\t" and "\t" not in line[1:]
            else "p"
            if "|" in line and "\t" not in line  # a pipe is not white space: never blank
            else _kind(line)
            for line in lines
        ]
    )


_CELL_TABLE = re.compile("(?:c|(?<=c)t|b(?=[cb]))*b?")
"""A table of tab-indented cells in a shape: cells, text lines that continue the cell above
(unless they are headings), blank lines between rows; a blank line before anything else
ends the table, and so does anything else."""
_PIPE_RUN = re.compile("p+")
_PROSE_RUN = re.compile("[bt]+")
_TEXT = re.compile("t")


_GAP = re.compile("(?: {2,}|[ \u3000]*\u3000[ \u3000]*)")
"""Where cells meet in re-flowed text: a run of spaces (tabs expanded) or ideographic spaces."""


_PROSE = re.compile("[，。；：！？,;:]")
"""Punctuation of prose, which row labels do not print (outside an aside in brackets)."""
_ASIDE = re.compile(r"[（(][^（()）]*[）)]")
_LABEL_VALUE = re.compile(r"^\s*[^\s\d０-９][^\s]{1,30} (\S+)\s*$")
"""A label, one space and a number (see :func:`_label_value`)."""


def _label_value(line: str) -> bool:
    """Whether a line is a label, one space and a number: a row whose tab became a space."""
    match = _LABEL_VALUE.match(line)
    return match is not None and read_token(match[1]).token in _NUMBERS


_NUMBERS = frozenset({Token.NUMBER, Token.NUMERIC})


def _spaced_cells(line: str, loose: bool = False) -> list[str] | None:
    """Split a row whose cells are separated by spaces instead of tabs; ``None`` for prose.

    Tools that re-flow text expand tabs to spaces or separate cells by ideographic spaces
    (U+3000). A row is one or more labels followed by printed values (numbers, dashes).
    Values are separated by any white space (a number holds none), so where a tab stop left
    a single space after a label the value is still split off; such a line alone (a label,
    one space, a value) is a row only ``loose``ly, inside a table. Blank cells leave no trace.
    """
    parts = [part for part in _GAP.split(line.strip(" \u3000")) if part]
    if len(parts) < 2 and not (loose or _label_value(line)):
        return None
    cells: list[str] = []
    values = 0
    for part in parts:  # labels, then values
        tokens = part.split()
        cut = len(tokens)
        while cut > 0 and looks_like_value(tokens[cut - 1]):
            cut -= 1
        if cut:
            if values:
                return None  # a label after a value: prose
            cells.extend(tokens[:cut])
        cells.extend(tokens[cut:])
        values += len(tokens) - cut
    labels = cells[: len(cells) - values]
    if any(_PROSE.search(_ASIDE.sub("", label)) for label in labels):
        return None
    if values and (labels or len(parts) >= 3):  # values alone: three cells apart at least
        return cells
    return None


_new = tuple.__new__
_new_object = object.__new__

_Row = tuple[list[str], list[int]]
"""A table row as read: its cells' texts and the line each cell starts on."""


_set_text, _set_source, _set_level = (
    Paragraph.__dict__[name].__set__ for name in ("text", "source", "heading_level")
)


def _paragraph(text: str, line: int) -> Paragraph:
    """``Paragraph(text, Source(line))`` without the argument handling: once per prose line.

    Sets the frozen class's slots as its ``__init__`` does; the result is equal.
    """
    paragraph = _new_object(Paragraph)
    _set_text(paragraph, text)
    _set_source(paragraph, _new(Source, (line, None, None, None, None, None)))
    _set_level(paragraph, None)
    return paragraph


class _Builder:
    """Accumulates blocks while walking the lines.

    The open table's cells are kept flat, row after row: their texts, the line each starts
    on, and each row's length. Its :class:`TableCell` objects are made when the table's
    rows are first asked for (:func:`_grid`).
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.texts: list[str] = []
        self.lines: list[int] = []
        self.lengths: list[int] = []
        self.table_line = 0
        self.complete = True
        self.tables = 0

    def paragraphs(self, lines: list[str], shape: str, start: int, end: int) -> None:
        """A paragraph for each line of text from ``start`` to ``end``."""
        self.blocks += [
            _paragraph(text, number)
            for number, line, kind in zip(count(start + 1), lines[start:end], shape[start:end])
            if kind == "t" and (text := line.strip())
        ]

    def start(self, line: int, complete: bool) -> None:
        if not self.lengths:
            self.table_line = line
            self.complete = complete

    def row(self, texts: list[str], lines: list[int]) -> None:
        if texts:
            self.texts += texts
            self.lines += lines
            self.lengths.append(len(texts))

    def rows(self, texts: list[str], lines: list[int], lengths: list[int]) -> None:
        """Several rows at once: ``lengths`` says how many cells each has (none empty)."""
        self.texts += texts
        self.lines += lines
        self.lengths += lengths

    def flush(self) -> None:
        if self.lengths:
            self.tables += 1
            source = _new(Source, (self.table_line, None, self.tables, None, None, None))
            build = partial(_grid, self.texts, self.lines, self.lengths, self.tables)
            self.blocks.append(Table.deferred(build, source, self.complete))
            self.texts = []
            self.lines = []
            self.lengths = []


def _grid(
    texts: list[str], lines: list[int], lengths: list[int], table: int
) -> tuple[tuple[TableCell, ...], ...]:
    """The cells of a table, built when the table's rows are first asked for.

    ``tuple.__new__`` skips the named tuples' argument handling, and ``map`` runs it
    without a Python loop: this makes two objects for every printed cell.
    """
    row_numbers = chain.from_iterable(map(repeat, count(1), lengths))
    column_numbers = chain.from_iterable(map(range, repeat(1), [n + 1 for n in lengths]))
    sources = map(
        _new,
        repeat(Source),
        zip(lines, repeat(None), repeat(table), row_numbers, column_numbers, repeat(None)),
    )
    cells = list(map(_new, repeat(TableCell), zip(texts, sources, repeat(()))))
    grid = []
    start = 0
    for length in lengths:
        grid.append(tuple(cells[start : start + length]))
        start += length
    return tuple(grid)


def document_from_text(text: str, name: str | None = None) -> Document:
    """Build a Document from text in any of the layouts this module describes."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if ("[" in text or "{" in text) and ("[bookmark: " in text or "{\\" in text):
        text = _ARTEFACT.sub("", text)  # a scan of the whole text costs more
    lines = text.split("\n")
    shape = _shape(lines)
    out = _Builder()
    i = 0
    n = len(lines)
    while i < n:
        kind = shape[i]
        if kind == "c":
            i = _tab_cells(lines, shape, i, out)
        elif kind == "p":
            i = _pipes(lines, shape, i, out)
        elif kind == "r" or kind == "s":
            i = _tab_rows(lines, shape, i, out)
        else:  # prose and blank lines, up to the next table
            end = _PROSE_RUN.match(shape, i).end()  # type: ignore[union-attr]
            out.paragraphs(lines, shape, i, end)
            i = end
    return Document(tuple(out.blocks), path=name, format="text")


def _tab_rows(lines: list[str], shape: str, i: int, out: _Builder) -> int:
    """PDF text: a row per line, cells separated by tabs (or, re-flowed, by spaces)."""
    out.start(i + 1, complete=True)
    n = len(lines)
    while i < n:
        kind = shape[i]
        if kind == "r" or kind == "c":
            cells = [part.strip() for part in lines[i].strip(" ").split("\t")]
        elif kind == "b":
            # a blank line inside tab rows is layout noise; a table ends at prose
            i += 1
            continue
        elif kind == "s" or kind == "t":
            spaced = _spaced_cells(lines[i], loose=True)
            if kind == "t" and not spaced:
                break
            out.complete = False  # blank cells left no trace
            cells = spaced or []
        else:
            break
        out.row(cells, [i + 1] * len(cells))
        i += 1
    out.flush()
    return i


def _looks_like_heading(line: str) -> bool:
    from gikaireport.assemble.sections import match_heading

    return match_heading(line) is not None


def _tab_cells(lines: list[str], shape: str, i: int, out: _Builder) -> int:
    """Word text: a cell per tab-indented line, rows separated by blank lines."""
    out.start(i + 1, complete=True)
    end = _CELL_TABLE.match(shape, i).end()  # type: ignore[union-attr]
    for text in _TEXT.finditer(shape, i, end):
        if _looks_like_heading(lines[text.start()]):
            end = text.start()  # a heading, not a cell's second line: the table ends
            break
    part = shape[i:end]
    texts = [line[1:].strip() for line, kind in zip(lines[i:end], part, strict=True) if kind == "c"]
    for text in _TEXT.finditer(part):  # the second line of the cell above
        cell = part.count("c", 0, text.start()) - 1
        texts[cell] = f"{texts[cell]}\n{lines[i + text.start()].strip()}".strip()
    out.rows(
        texts,
        [number for number, kind in zip(count(i + 1), part) if kind == "c"],
        [row.count("c") for row in part.split("b") if row],
    )
    out.flush()
    return end


def _pipes(lines: list[str], shape: str, i: int, out: _Builder) -> int:
    """Web text with pipes: decide between row-per-line and cell-per-line, then read."""
    n = len(lines)
    end = i
    while end < n:
        kind = shape[end]
        if kind == "p":
            end = _PIPE_RUN.match(shape, end).end()  # type: ignore[union-attr]
        elif (kind == "t" and end + 1 < n and lines[end + 1].lstrip().startswith("|")) or (
            kind == "b" and end + 1 < n and shape[end + 1] == "p"
        ):
            end += 1
        else:
            break
    region = range(i, end)
    # the lines that print cells: not blank, not only ``||`` padding
    kept = [
        k
        for k in region
        if shape[k] != "b" and ("||" not in lines[k] or not _PADDING.match(lines[k]))
    ]
    pipe_lines = [lines[k] for k in kept if shape[k] == "p"]
    # a row per line when most lines have a pipe between cells (outer pipes aside)
    inner = sum(["|" in line.strip().strip("|") for line in pipe_lines])
    if inner * 2 > len(pipe_lines):
        _pipe_rows(lines, shape, region, out)
    elif kept:
        out.start(i + 1, complete=False)
        out.row(*_pipe_cells([lines[k] for k in kept], [k + 1 for k in kept]))
        out.flush()
    return end


def _padding(line: str) -> bool:
    """Whether a line is only ``||`` padding (the regex runs only where it can match)."""
    return "||" in line and _PADDING.match(line) is not None


def _pipe_rows(lines: list[str], shape: str, region: range, out: _Builder) -> None:
    out.start(region[0] + 1, complete=True)
    leading = sum(1 for k in region if lines[k].lstrip().startswith("|")) * 2 > len(region)
    texts: list[str] = []
    numbers: list[int] = []
    carry = ""
    for k in region:
        line = lines[k]
        if shape[k] == "b" or _MARKDOWN_RULE.match(line):
            continue
        starts_row = line.lstrip().startswith("|") if leading else True
        if starts_row and texts and not carry:
            out.row(texts, numbers)
            texts = []
            numbers = []
        body = line.strip()
        if leading and body.startswith("|"):
            body = body[1:]
            if carry:
                # the pipe that starts this line closes the cell carried from the last one
                texts.append(carry.strip())
                numbers.append(k)
                carry = ""
        parts = body.split("|")
        if body.endswith("|"):
            parts.pop()
        closed = body.endswith("|") or not leading
        last = len(parts) - 1
        for index, part in enumerate(parts):
            text = carry + " " + part if carry and index == 0 else part
            carry = ""
            if index == last and not closed:
                carry = text
            else:
                texts.append(text.strip())
                numbers.append(k + 1)
    if carry.strip():
        texts.append(carry.strip())
        numbers.append(region[-1] + 1)
    out.row(texts, numbers)
    out.flush()


def _pipe_cells(printed: list[str], numbers: list[int]) -> _Row:
    """One cell per line ending in ``|``; a bare ``|`` is an empty cell.

    ``printed`` are the lines (padding and blank lines left out) and ``numbers`` their line
    numbers. A cell is the text between two pipes, its lines joined by spaces, on the line
    of its closing pipe, or where it starts when it starts on a line above.
    """
    texts = [segment.strip() for segment in "\n".join(printed).split("|")]
    pipes = list(map(str.count, printed, repeat("|")))
    cells = list(chain.from_iterable(map(repeat, numbers, pipes)))  # the closing pipes' lines
    # text after a line's last pipe (or on a line without one) starts the next cell
    starts: dict[int, int] = {}
    closed = bytes(map(str.endswith, map(str.rstrip, printed), repeat("|")))
    ends = list(accumulate(pipes))
    line = closed.find(0)
    while line >= 0:
        starts.setdefault(ends[line], numbers[line])
        line = closed.find(0, line + 1)
    if texts[-1]:  # text after the last pipe is a cell too
        cells.append(0)
    else:
        texts.pop()
    for cell, number in starts.items():
        if cell < len(texts):
            texts[cell] = texts[cell].replace("\n", " ")  # its lines joined by spaces
            cells[cell] = number
    return texts, cells
