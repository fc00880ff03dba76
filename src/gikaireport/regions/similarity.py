"""Near-identical prose between reports (内容雷同): shingles, MinHash and LSH.

Each prose part (一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项) of each report is
cut into overlapping character shingles after normalisation (NFKC, whitespace and punctuation
removed). Two texts are compared by the Jaccard similarity of their shingle sets. A small
collection compares every pair that matters; a large one finds candidate pairs with MinHash
and locality-sensitive hashing (``datasketch``), so the work grows with the number of texts
rather than with its square; either way the score written is the exact Jaccard similarity of
the candidate pair, computed from the two texts.

Only pairs that say something are compared: the same agency in two different years (a report
copied from last year's) and two different agencies in the same year (a template copied
between departments).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
import zlib
from collections.abc import Iterator
from functools import cache
from typing import Literal

from attrs import define, field, frozen

__all__ = ["SimilarPair", "SimilarityIndex"]

PROSE_PARTS = ("overview", "problems", "other")
"""The parts compared: 一 (总体情况), 五 (问题及改进) and 六 (其他事项)."""

Relation = Literal["same_agency", "same_year"]

_SENTENCE = re.compile(r"[。！？；!?;\n]+")


def _clean(text: str) -> str:
    """NFKC, without whitespace, punctuation and symbols."""
    normal = unicodedata.normalize("NFKC", text)
    return "".join(c for c in normal if unicodedata.category(c)[0] not in "ZPSC")


def shingles(text: str, size: int = 5) -> frozenset[str]:
    """The character ``size``-grams of ``text`` after normalisation."""
    clean = _clean(text)
    if len(clean) <= size:
        return frozenset([clean]) if clean else frozenset()
    return frozenset(clean[i : i + size] for i in range(len(clean) - size + 1))


def jaccard(left: frozenset[str], right: frozenset[str]) -> float:
    """The Jaccard similarity of two sets (0 when both are empty)."""
    union = len(left | right)
    return len(left & right) / union if union else 0.0


def shared_passages(left: str, right: str, minimum: int = 8, limit: int = 5) -> list[str]:
    """The sentences (at least ``minimum`` characters) that both texts contain."""
    theirs = {_clean(s) for s in _SENTENCE.split(right)}
    found: list[str] = []
    for sentence in _SENTENCE.split(left):
        clean = _clean(sentence)
        if len(clean) >= minimum and clean in theirs and sentence.strip() not in found:
            found.append(sentence.strip())
            if len(found) == limit:
                break
    return found


@cache
def bands(threshold: float, num_perm: int, miss_weight: float = 0.9) -> tuple[int, int]:
    """LSH bands and rows for ``threshold``, weighing a missed pair above a false candidate.

    A pair of similarity ``s`` becomes a candidate with probability ``1 - (1 - s**r)**b``.
    Missing a pair is worse than checking one more (every candidate's score is computed
    exactly), so the bands are chosen to minimise ``0.1 * false candidates + 0.9 * missed``,
    each averaged over similarities below and above the threshold.
    """
    below = [threshold * (i + 0.5) / 50 for i in range(50)]
    above = [threshold + (1 - threshold) * (i + 0.5) / 50 for i in range(50)]

    def cost(b: int, r: int) -> float:
        false = sum(1 - (1 - s**r) ** b for s in below) / len(below)
        missed = sum((1 - s**r) ** b for s in above) / len(above)
        return (1 - miss_weight) * false + miss_weight * missed

    choices = [(num_perm // r, r) for r in range(1, num_perm + 1)]
    return min(choices, key=lambda choice: cost(*choice))


@frozen
class SimilarPair:
    """Two reports whose prose in one part is near-identical.

    Attributes:
        path_a: the earlier report (by year, then path).
        path_b: the later one.
        part: the part id (``overview``, ``problems``, ``other``).
        score: the Jaccard similarity of the two texts' shingles, 0 to 1.
        relation: ``same_agency`` (one agency, two years) or ``same_year`` (two agencies).
        passages: sentences both texts contain.

    """

    path_a: str
    path_b: str
    part: str
    score: float
    relation: Relation
    passages: tuple[str, ...]


@frozen
class _Entry:
    path: str
    agency: str
    year: int
    packed: bytes  # the text, zlib-compressed UTF-8

    @property
    def text(self) -> str:
        return zlib.decompress(self.packed).decode("utf-8")


def _relation(a: _Entry, b: _Entry) -> Relation | None:
    if a.agency == b.agency and a.year != b.year:
        return "same_agency"
    if a.agency != b.agency and a.year == b.year:
        return "same_year"
    return None


@define
class SimilarityIndex:
    """Collect the prose of many reports, then list the near-identical pairs.

    Attributes:
        threshold: the smallest score reported.
        exact_limit: up to this many texts of one part, every pair is compared; beyond it,
            candidate pairs come from MinHash LSH.
        minimum_length: texts shorter than this (after normalisation) are not compared.
        num_perm: MinHash permutations (LSH mode).

    """

    threshold: float = 0.8
    exact_limit: int = 500
    minimum_length: int = 40
    num_perm: int = 128
    _entries: dict[str, list[_Entry]] = field(factory=dict, init=False)

    def add(self, path: str, agency: str, year: int, part: str, text: str) -> None:
        """Add one report's text of one part."""
        if len(_clean(text)) < self.minimum_length:
            return
        packed = zlib.compress(text.encode("utf-8"))
        self._entries.setdefault(part, []).append(_Entry(path, agency, year, packed))

    def pairs(self) -> Iterator[SimilarPair]:
        """The pairs scoring at least ``threshold``, part by part."""
        for part, entries in self._entries.items():
            candidates = (
                itertools.combinations(range(len(entries)), 2)
                if len(entries) <= self.exact_limit
                else self._lsh_candidates(entries)
            )
            yield from self._scored(part, entries, candidates)

    def _scored(
        self, part: str, entries: list[_Entry], candidates: Iterator[tuple[int, int]]
    ) -> Iterator[SimilarPair]:
        cache: dict[int, frozenset[str]] = {}

        def shingled(index: int) -> frozenset[str]:
            if index not in cache:
                cache[index] = shingles(entries[index].text)
            return cache[index]

        for i, j in candidates:
            a, b = sorted((entries[i], entries[j]), key=lambda e: (e.year, e.path))
            relation = _relation(a, b)
            if relation is None:
                continue
            score = jaccard(shingled(i), shingled(j))
            if score >= self.threshold:
                passages = tuple(shared_passages(a.text, b.text))
                yield SimilarPair(a.path, b.path, part, round(score, 4), relation, passages)

    def _lsh_candidates(self, entries: list[_Entry]) -> Iterator[tuple[int, int]]:
        from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

        lsh = MinHashLSH(num_perm=self.num_perm, params=bands(self.threshold, self.num_perm))
        for index, entry in enumerate(entries):
            minhash = MinHash(num_perm=self.num_perm)
            minhash.update_batch([s.encode("utf-8") for s in shingles(entry.text)])
            for other in lsh.query(minhash):
                yield int(other), index
            lsh.insert(str(index), minhash)
