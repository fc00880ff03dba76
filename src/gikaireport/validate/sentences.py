"""Sentences and clauses of a part's folded text, found around a position.

The prose, fee and content rules read a sentence (up to 。；!？ or a line break) or a clause
(up to ，：、 too) around a word or a quoted number. Finding the marks on either side of a
position costs in proportion to the sentence, not to the text: the rules look at the few
sentences that name their words instead of splitting every text into sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__: list[str] = []

SENTENCE_ENDS = "。;；!！?？\n"
CLAUSE_ENDS = ",，;；:：。!！?？\n"


def _marks(marks: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the patterns that find the last of ``marks`` before a position (matched from
    the text's start, ``.*`` runs to the position and steps back to the nearest mark) and
    the first at or after one (searched from it): both stop at the nearest mark.
    """
    one = f"[{re.escape(marks)}]"
    return re.compile(f".*{one}", re.DOTALL), re.compile(one)


LAST_SENTENCE_END, SENTENCE_END = _marks(SENTENCE_ENDS)
LAST_CLAUSE_END, _ = _marks(CLAUSE_ENDS)


def after_last(text: str, last: re.Pattern[str], end: int) -> int:
    """Return the position after the last mark (``last``, see :func:`_marks`) before ``end``,
    0 when there is none.
    """
    found = last.match(text, 0, end)
    return found.end() if found else 0


def first(text: str, mark: re.Pattern[str], start: int) -> int:
    """Return the position of the first mark at or after ``start`` (the text's length when
    there is none).
    """
    found = mark.search(text, start)
    return found.start() if found else len(text)


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Return where the sentence around ``text[start:end]`` starts and ends (its marks
    left out).
    """
    return after_last(text, LAST_SENTENCE_END, start), first(text, SENTENCE_END, end)


def sentences_with(text: str, word: str) -> Iterator[str]:
    """Yield each sentence of ``text`` that contains ``word`` (a word without marks), once,
    in order: the sentences a split of ``text`` at :data:`SENTENCE_ENDS` gives that have
    ``word``.
    """
    position = text.find(word)
    while position >= 0:
        start, end = sentence_span(text, position, position + len(word))
        yield text[start:end]
        position = text.find(word, end)
