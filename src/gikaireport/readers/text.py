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

Everything else becomes a :class:`~gikaireport.document.Paragraph` per line. Each line is
classified once, a letter in the document's *shape* (see ``_SHAPE``), and regular
expressions find the tables in the shape; :mod:`gikaireport.readers.text_pipes` reads the
layouts with pipes, :mod:`gikaireport.readers.text_blocks` makes the blocks.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from functools import cache
from itertools import chain, compress, repeat
from operator import add, contains, methodcaller

from gikaireport.document import Document
from gikaireport.errors import ReadError
from gikaireport.lexicon import Token, looks_like_value, read_token
from gikaireport.readers.text_blocks import Builder
from gikaireport.readers.text_pipes import pipes

__all__: list[str] = []

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
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
    if not line or line.isspace():  # what strip() would leave empty
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


_KINDS: dict[str, str] = {}
"""The kinds of short lines already classified one by one (see :func:`_shape`), by their
text: table cells and labels print the same text in every report."""
_KINDS_KEPT = 1 << 14
"""How many lines :data:`_KINDS` keeps at most; it starts again when full."""
_KIND_KEPT_LENGTH = 40
"""Lines longer than this (prose, mostly) are classified every time, not kept."""


def _shape(lines: list[str]) -> str:
    """Every line's kind (see :func:`_kind`), the lines seen before looked up, not told again.

    Of the lines not seen before, those that are not blank and print no cell separator (see
    :func:`_not_plain`) are text, told in bulk: they are most of a report's prose. The others
    are told one by one.
    """
    shape = "".join(map(_KINDS.get, lines, repeat("?")))  # ? for a line not seen before
    if "?" not in shape:
        return shape
    new = list(compress(lines, shape.encode().translate(_UNTOLD)))
    told = dict.fromkeys(new, "t")
    if len(_KINDS) > _KINDS_KEPT:
        _KINDS.clear()
    for line in _not_plain(new, told):
        told[line] = kind = _kind(line)
        if len(line) <= _KIND_KEPT_LENGTH:
            _KINDS[line] = kind
    seen = shape.split("?")  # the kinds of the lines seen before, around each new one
    return "".join(map(add, seen, [*map(told.__getitem__, new), ""]))


_UNTOLD = bytes(int(byte == ord("?")) for byte in range(256))
"""A translation of a shape's bytes: 1 for a line not told yet, 0 for any other."""


def _not_plain(lines: list[str], distinct: dict[str, str]) -> list[str]:
    """The lines (once each; ``distinct`` holds them all) that may be other than text.

    That is blank lines, and lines printing a tab, a pipe, a space or an ideographic space
    (see :func:`_kind`).
    """
    found = dict.fromkeys(compress(lines, map(str.isspace, lines)))
    printed = "".join(distinct)
    for char in _SEPARATORS:
        if char in printed:
            found.update(dict.fromkeys(compress(lines, map(contains, lines, repeat(char)))))
    if "" in distinct:
        found[""] = None
    return list(found)


_SEPARATORS = "\t| \u3000"
"""What separates cells in the layouts :func:`_kind` tells apart: a line without any is text."""


def _cell_table_end(shape: str, i: int) -> int:
    """Where the table of tab-indented cells starting at line ``i`` ends, in a shape.

    Its lines are cells, text lines that continue the cell above (unless they are headings:
    see :func:`_tab_cells`) and blank lines between rows. The table ends at a text line that
    does not follow a cell (the blank lines before it still in the table), or at any other
    kind of line.
    """
    ends = [shape.find("bt", i) + 1, shape.find("tt", i) + 1]
    ends += [shape.find(kind, i) for kind in "prs"]
    return min([end for end in ends if end > i] or [len(shape)])


_TABLE_LINES = bytes(int(byte in b"cprs") for byte in range(256))
"""A translation of a shape's bytes: 1 for a line that starts a table, 0 for text or blank."""
_TEXT = re.compile("t")
_CELLS = bytes(int(byte == ord("c")) for byte in range(256))
"""A translation of a shape's bytes: 1 for a tab-indented cell, 0 for any other line."""


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
    stripped = line.strip(" \u3000")
    if "  " in stripped or "\u3000" in stripped:
        parts = [part for part in _GAP.split(stripped) if part]
    else:  # no gap (a line of prose, mostly): the regular expression would try every place
        parts = [stripped] if stripped else []
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


def document_from_text(text: str, name: str | None = None) -> Document:
    """Build a Document from text in any of the layouts this module describes."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if ("[" in text or "{" in text) and ("[bookmark: " in text or "{\\" in text):
        text = _ARTEFACT.sub("", text)  # a scan of the whole text costs more
    lines = text.split("\n")
    shape = _shape(lines)
    tables = shape.encode().translate(_TABLE_LINES)
    out = Builder()
    i = 0
    n = len(lines)
    while i < n:
        kind = shape[i]
        if kind == "c":
            i = _tab_cells(lines, shape, i, out)
        elif kind == "p":
            i = pipes(lines, shape, i, out)
        elif kind == "r" or kind == "s":
            i = _tab_rows(lines, shape, i, out)
        else:  # prose and blank lines, up to the next table
            end = tables.find(1, i) % (n + 1)  # -1 (none left) is n
            out.paragraphs(lines, shape, i, end)
            i = end
    return Document(tuple(out.blocks), path=name, format="text")


def _tab_rows(lines: list[str], shape: str, i: int, out: Builder) -> int:
    """PDF text: a row per line, cells separated by tabs (or, re-flowed, by spaces)."""
    out.start(i + 1, complete=True)
    n = len(lines)
    while i < n:
        kind = shape[i]
        if kind == "r" or kind == "c" or kind == "b":
            # a blank line inside tab rows is layout noise; a table ends at prose
            end = _TAB_RUN.match(shape, i).end()  # type: ignore[union-attr]
            _split_rows(lines, shape, i, end, out)
            i = end
            continue
        if kind != "s" and kind != "t":
            break
        spaced = _spaced_cells(lines[i], loose=True)
        if kind == "t" and not spaced:
            break
        out.complete = False  # blank cells left no trace
        if spaced:
            out.row(spaced, [i + 1] * len(spaced))
        i += 1
    out.flush()
    return i


_TAB_RUN = re.compile("[rcb]+")
_TAB_LINES = bytes(int(byte in b"rc") for byte in range(256))
"""A translation of a shape's bytes: 1 for a line with tabs, 0 for any other line."""
_strip_spaces = methodcaller("strip", " ")
_split_tabs = methodcaller("split", "\t")


def _split_rows(lines: list[str], shape: str, start: int, end: int, out: Builder) -> None:
    """The rows of the lines with tabs from ``start`` to ``end``, without a Python loop.

    Each line's cells are split at tabs; blank lines are left out.
    """
    flags = shape[start:end].encode().translate(_TAB_LINES)
    rows = list(map(_split_tabs, map(_strip_spaces, compress(lines[start:end], flags))))
    lengths = list(map(len, rows))  # never 0: a split gives one part at least
    texts = list(map(str.strip, chain.from_iterable(rows)))
    starts = compress(range(start + 1, end + 1), flags)
    out.rows(texts, list(chain.from_iterable(map(repeat, starts, lengths))), lengths)


def _looks_like_heading(line: str) -> bool:
    return _heading_matcher()(line) is not None


@cache
def _heading_matcher() -> Callable[[str], object]:
    """The assembler's heading recogniser, imported when first needed (not on every call)."""
    from gikaireport.assemble.sections import match_heading

    return match_heading


def _tab_cells(lines: list[str], shape: str, i: int, out: Builder) -> int:
    """Word text: a cell per tab-indented line, rows separated by blank lines."""
    out.start(i + 1, complete=True)
    end = _cell_table_end(shape, i)
    for text in _TEXT.finditer(shape, i, end):
        if _looks_like_heading(lines[text.start()]):
            end = text.start()  # a heading, not a cell's second line: the table ends
            break
    part = shape[i:end]
    cells = part.encode().translate(_CELLS)  # 1 for each cell line, else 0
    texts = list(map(str.strip, compress(lines[i:end], cells)))  # the tab stripped too
    for text in _TEXT.finditer(part):  # the second line of the cell above
        cell = part.count("c", 0, text.start()) - 1
        texts[cell] = f"{texts[cell]}\n{lines[i + text.start()].strip()}".strip()
    numbers = list(compress(range(i + 1, end + 1), cells))
    rows = filter(None, part.replace("t", "").split("b"))  # a row's cells: a run of c
    out.rows(texts, numbers, list(map(len, rows)))
    out.flush()
    return end
