"""The printed texts of a part's blocks, flat, and where each came from.

The aligner reads texts: which are values, which are labels. It needs where a text was
printed only for the cells it keeps (some 200 of some 330 printed) and for what it repairs.
So a part's table cells and paragraphs are laid end to end as one list of texts, a *piece*
being a position in it, and a piece's :class:`~gikaireport.model.Source` is made when asked
for. A table a text reader made keeps its cells flat
(:class:`~gikaireport.document.PrintedCells`) and is read without making them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cached_property
from itertools import accumulate, chain, compress, count, repeat
from operator import not_
from typing import NamedTuple

from gikaireport.assemble.printed import masked, value_or_blank
from gikaireport.document import (
    Block,
    Paragraph,
    PrintedCells,
    Table,
    TableCell,
    printed_cells,
)
from gikaireport.lexicon import is_page_marker
from gikaireport.model import Source

__all__: list[str] = []


class Run(NamedTuple):
    """Pieces ``start`` to ``end`` (not included): a table row when ``complete``, else a run
    of a cell stream (paragraphs count as cells of the stream).
    """

    start: int
    end: int
    complete: bool


_new = tuple.__new__
"""Makes a :class:`Run` from a tuple of its fields without the named tuple's argument
handling: a run is made for every table row."""

_Origin = PrintedCells | tuple[TableCell, ...] | Paragraph


class Pieces:
    """A part's table cells and paragraphs, flat, in reading order, and its runs.

    Attributes:
        texts: every piece's text.
        runs: the rows of complete tables, and the streams between them.

    """

    def __init__(self, blocks: Iterable[Block]) -> None:
        self.texts: list[str] = []
        self.runs: list[Run] = []
        self._starts: list[int] = []
        self._origins: list[_Origin] = []
        stream = -1  # where the open stream starts, or -1
        texts = self.texts
        for block in blocks:
            start = len(texts)
            if isinstance(block, Paragraph):
                if is_page_marker(block.text):
                    continue
                texts.append(block.text)
                origin: _Origin = block
                lengths: Iterable[int] = ()
            else:
                printed = printed_cells(block)
                if printed is not None:
                    texts += printed.texts
                    origin, lengths = printed, printed.lengths
                else:
                    origin = tuple(chain.from_iterable(block.rows))
                    texts += [cell.text for cell in origin]
                    lengths = map(len, block.rows)
            self._starts.append(start)
            self._origins.append(origin)
            if isinstance(block, Table) and block.complete_rows:
                if stream >= 0:
                    self.runs.append(Run(stream, start, False))
                    stream = -1
                ends = list(accumulate(lengths, initial=start))
                self.runs += map(_new, repeat(Run), zip(ends, ends[1:], repeat(True)))
            elif stream < 0:
                stream = start
        if stream >= 0:
            self.runs.append(Run(stream, len(texts), False))

    @cached_property
    def not_values(self) -> list[int]:
        """The pieces whose text is not a value nor blank (labels, headers, prose), in order."""
        return list(compress(count(), map(not_, map(value_or_blank, self.texts))))

    @cached_property
    def layout(self) -> tuple[tuple[str | None, ...], tuple[Run, ...]]:
        """What alignment reads of the pieces: their runs, and their texts with every value
        masked (see :func:`~gikaireport.assemble.printed.masked`: alignment tells a value
        only from an empty text and from other text; which value was printed matters only
        to what it repairs). Two parts with one layout are aligned alike.
        """
        return tuple(map(masked, self.texts)), tuple(self.runs)

    def _origin(self, piece: int) -> tuple[_Origin, int]:
        at = bisect_right(self._starts, piece) - 1
        return self._origins[at], piece - self._starts[at]

    def source(self, piece: int) -> Source:
        """Where a piece was printed."""
        origin, position = self._origin(piece)
        if isinstance(origin, Paragraph):
            return origin.source
        if isinstance(origin, PrintedCells):
            return origin.source(position)
        return origin[position].source

    def recognised(self) -> bool:
        """Whether a piece may come from recognised text (a source with an OCR confidence)."""
        for origin in self._origins:
            if isinstance(origin, Paragraph):
                if origin.source.confidence is not None:
                    return True
            elif isinstance(origin, tuple) and any(
                cell.source.confidence is not None for cell in origin
            ):
                return True
        return False

    def joined(self, pieces: Sequence[int]) -> str:
        """The texts of ``pieces``, separated by spaces (what a deviation says was found)."""
        return " ".join(self.texts[piece] for piece in pieces)
