"""Near-identical prose: exact pairs and MinHash LSH candidates agree; only meaningful pairs."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from gikaireport.regions import SimilarityIndex
from gikaireport.regions.similarity import jaccard, shared_passages, shingles
from region_folder import prose

_ALPHABET = "政府信息公开工作条例主动依申请办理答复平台建设制度完善监督保障培训人员网站专栏发布"
sentences = st.lists(
    st.text(alphabet=_ALPHABET, min_size=15, max_size=30), min_size=4, max_size=8, unique=True
)


def _found(index: SimilarityIndex) -> set[tuple[str, str, str]]:
    return {(pair.path_a, pair.path_b, pair.relation) for pair in index.pairs()}


@settings(max_examples=40, derandomize=True, deadline=None)
@given(sentences, st.integers(0, 7), st.sampled_from(["same_agency", "same_year"]))
def test_a_copy_with_one_sentence_changed_is_found(
    lines: list[str], changed: int, relation: str
) -> None:
    original = "。".join(lines) + "。"
    edited = list(lines)
    edited[changed % len(lines)] = "完全不同的一句话说明本年度新情况"
    copy = "。".join(edited) + "。"
    score = jaccard(shingles(original), shingles(copy))
    other_agency, other_year = ("a", 2023) if relation == "same_agency" else ("b", 2022)
    found = []
    for exact_limit in (500, 0):  # every pair, then MinHash LSH candidates
        index = SimilarityIndex(threshold=0.8, exact_limit=exact_limit)
        index.add("x2022", "a", 2022, "overview", original)
        index.add("y", other_agency, other_year, "overview", copy)
        index.add("z", "c", 2022, "overview", prose(1))
        found.append(list(index.pairs()))
    exact, lsh = found
    if score >= 0.8:
        assert [(p.path_a, p.path_b, p.relation) for p in exact] == [("x2022", "y", relation)]
        assert exact[0].score == round(score, 4)
        assert exact[0].passages and set(exact[0].passages) <= set(lines)
    else:
        assert exact == []
    # LSH finds a subset of the exact pairs with the same scores, and every pair from 0.9 up
    assert set(lsh) <= set(exact)
    if score >= 0.9:
        assert lsh == exact


def test_pairs_that_say_nothing_are_not_compared() -> None:
    text = prose(5)
    index = SimilarityIndex(exact_limit=500)
    index.add("a1", "a", 2022, "problems", text)
    index.add("a2", "a", 2022, "problems", text)  # one agency, one year: a duplicate
    index.add("b", "b", 2023, "problems", text)  # another agency, another year
    assert _found(index) == set()
    index.add("c", "c", 2022, "problems", text)
    assert _found(index) == {("a1", "c", "same_year"), ("a2", "c", "same_year")}


def test_short_texts_are_left_out() -> None:
    index = SimilarityIndex()
    for path in ("a", "b"):
        index.add(path, path, 2022, "other", "本年度未收取信息处理费。")
    assert _found(index) == set()


def test_lsh_and_exact_agree_on_a_larger_collection() -> None:
    rng = random.Random(3)
    texts = [(f"r{i:03d}", f"agency{i}", 2022, prose(1000 + i)) for i in range(300)]
    planted = rng.sample(range(300), 6)
    for n, i in enumerate(planted):
        path, agency, year, text = texts[i]
        lines = text.split("\n")
        lines[0] = lines[0][:-4] + "另有新句。"
        texts.append((f"copy{n}", f"other{n}", year, "\n".join(lines)))
    found = []
    for exact_limit in (1000, 0):
        index = SimilarityIndex(exact_limit=exact_limit)
        for path, agency, year, text in texts:
            index.add(path, agency, year, "overview", text)
        found.append(_found(index))
    assert found[0] == found[1]
    expected = {frozenset((f"r{i:03d}", f"copy{n}")) for n, i in enumerate(planted)}
    assert {frozenset((a, b)) for a, b, _ in found[0]} == expected


def test_shared_passages_are_whole_common_sentences() -> None:
    left = "第一句相同的内容在这里。第二句只在左边出现的话。第三句也相同的内容。"
    right = "第一句相同的内容在这里。右边独有的句子内容。第三句也相同的内容。"
    assert shared_passages(left, right) == ["第一句相同的内容在这里", "第三句也相同的内容"]
