"""Web text with pipes: rows of ``a | b | c`` (or markdown ``| a | b |``), or one cell per line
ending in ``|``. Part of the plain-text reader (:mod:`gikaireport.readers.text`), which
classifies the lines: ``shape`` holds a letter per line, ``p`` for a line with pipes,
``t`` for text, ``b`` for a blank line.
"""

from __future__ import annotations

import re
from itertools import accumulate, chain, compress, repeat
from operator import contains, eq, itemgetter, methodcaller

from gikaireport.readers.text_blocks import Builder, Row

__all__: list[str] = []

_MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_PIPE_RUN = re.compile("p+")
_PRINTED = bytes(int(byte != ord("b")) for byte in range(256))
"""A translation of a shape's bytes: 0 for a blank line, 1 for any other."""
_strip_pipes = methodcaller("strip", "|")
_last = itemgetter(-1)


def pipes(lines: list[str], shape: str, i: int, out: Builder) -> int:
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
    part = shape[i:end]
    printed, numbers = _printed(lines[i:end], part, i)
    joined = "\n".join(printed)
    if _row_style(printed, joined, numbers if "t" in part else None, shape):
        _pipe_rows(lines, shape, range(i, end), out)
    elif printed:
        out.start(i + 1, complete=False)
        out.row(*_pipe_cells(printed, numbers, joined))
        out.flush()
    return end


def _row_style(printed: list[str], joined: str, numbers: list[int] | None, shape: str) -> bool:
    """Whether most pipe lines have a pipe between cells (outer pipes aside): a row per line.

    ``numbers`` are the lines' numbers when some are text lines (not counted; their kind is
    in ``shape``), else ``None``.
    """
    if joined.count("|") == joined.count("|\n") + joined.endswith("|"):
        return False  # every pipe ends its line: none is between cells
    lines = printed
    if numbers is not None:
        kinds = [shape[number - 1] for number in numbers]
        lines = [line for line, kind in zip(printed, kinds, strict=True) if kind == "p"]
    inner = sum(map(contains, map(_strip_pipes, map(str.strip, lines)), repeat("|")))
    return inner * 2 > len(lines)


def _printed(lines: list[str], shape: str, first: int) -> tuple[list[str], list[int]]:
    """The lines that print cells (not blank, not only ``||`` padding) and their numbers;
    ``first`` is the index of the first line.
    """
    printed = shape.encode().translate(_PRINTED)
    texts = list(compress(lines, printed))
    numbers = list(compress(range(first + 1, first + len(lines) + 1), printed))
    maybe = bytes(map(contains, texts, repeat("||")))
    padding = [k for k in _ones(maybe) if not texts[k].strip().strip("|")]  # pipes alone
    if padding:
        keep = bytearray(b"\x01" * len(texts))
        for k in padding:
            keep[k] = 0
        texts = list(compress(texts, keep))
        numbers = list(compress(numbers, keep))
    return texts, numbers


def _ones(flags: bytes) -> list[int]:
    """Where ``flags`` holds 1."""
    found = []
    index = flags.find(1)
    while index >= 0:
        found.append(index)
        index = flags.find(1, index + 1)
    return found


def _pipe_rows(lines: list[str], shape: str, region: range, out: Builder) -> None:
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


def _pipe_cells(printed: list[str], numbers: list[int], joined: str) -> Row:
    """One cell per line ending in ``|``; a bare ``|`` is an empty cell.

    ``printed`` are the lines (padding and blank lines left out) and ``numbers`` their line
    numbers (``joined``: the lines joined by line breaks). A cell is the text between two
    pipes, its lines joined by spaces, on the line of its closing pipe, or where it starts
    when it starts on a line above.
    """
    texts = list(map(str.strip, joined.split("|")))
    pipes: bytes | list[int] = bytes(map(contains, printed, repeat("|")))
    if pipes.count(1) == len(texts) - 1:  # a pipe at most on each line: the closing pipes'
        cells = list(compress(numbers, pipes))
    else:
        pipes = list(map(str.count, printed, repeat("|")))
        cells = list(chain.from_iterable(map(repeat, numbers, pipes)))
    # text after a line's last pipe (or on a line without one) starts the next cell
    starts: dict[int, int] = {}
    closed = bytes(map(eq, map(_last, printed), repeat("|")))  # no printed line is empty
    line = closed.find(0)
    if line >= 0:
        ends = list(accumulate(pipes))
    while line >= 0:
        if not printed[line].rstrip().endswith("|"):
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
