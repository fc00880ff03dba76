"""The lexicon of printed values: every token class, the decisions, and properties."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gikaireport.formats import Kind
from gikaireport.lexicon import (
    DASH_CHARS,
    Token,
    is_digits,
    is_page_marker,
    is_page_number,
    is_value,
    looks_like_value,
    nfkc,
    parse_value,
    read_token,
    split_enumerator,
    starts_item,
)
from gikaireport.model import CellStatus

TOKENS = [
    # blank
    ("", Token.BLANK),
    ("   ", Token.BLANK),
    ("\u3000", Token.BLANK),
    ("\n\t", Token.BLANK),
    # dashes, slashes, 无
    ("-", Token.DASH),
    ("—", Token.DASH),
    ("——", Token.DASH),
    ("–", Token.DASH),
    ("―", Token.DASH),
    ("－", Token.DASH),
    ("⸺", Token.DASH),
    ("--", Token.DASH),
    ("/", Token.DASH),
    ("／", Token.DASH),
    ("\\", Token.DASH),
    ("/ /", Token.DASH),
    ("×", Token.DASH),
    ("\u2212", Token.DASH),
    ("一", Token.DASH),
    ("无", Token.DASH),
    # numbers
    ("0", Token.NUMBER),
    ("12", Token.NUMBER),
    ("１２", Token.NUMBER),
    (" 7 ", Token.NUMBER),
    ("1,234", Token.NUMBER),
    ("1，234", Token.NUMBER),
    ("-3", Token.NUMBER),
    ("\u22123", Token.NUMBER),
    ("+3", Token.NUMBER),
    ("0.5", Token.NUMBER),
    ("３件", Token.NUMBER),
    ("3 件", Token.NUMBER),
    ("2人次", Token.NUMBER),
    ("0.5万元", Token.NUMBER),
    ("16（其中修订16件）", Token.NUMBER),
    ("16(其中修订16件)", Token.NUMBER),
    # printed digits that are never read as one number
    ("12%", Token.NUMERIC),
    ("12％", Token.NUMERIC),
    ("1 234", Token.NUMERIC),
    ("１ ２", Token.NUMERIC),
    ("1,2345", Token.NUMERIC),
    ("300元", Token.NUMERIC),
    ("3‰", Token.NUMERIC),
    # labels and prose
    ("一、", Token.TEXT),
    ("（一）", Token.TEXT),
    ("(1)", Token.TEXT),
    ("本年新收政府信息公开申请数量", Token.TEXT),
    ("2021.12.31", Token.TEXT),
    ("2021年", Token.TEXT),
    ("约3件", Token.TEXT),
    ("3件以上", Token.TEXT),
    ("〇", Token.TEXT),
    ("1" * 41, Token.TEXT),
    ("合计（单位：件）", Token.TEXT),
]


@pytest.mark.parametrize(("text", "token"), TOKENS)
def test_every_token_class(text: str, token: Token) -> None:
    assert read_token(text).token is token
    assert is_value(text) is (token in {Token.NUMBER, Token.NUMERIC, Token.DASH})
    assert looks_like_value(text) is (token is not Token.TEXT)


VALUES = [
    # text, kind, status, value
    ("", Kind.COUNT, CellStatus.BLANK, None),
    ("—", Kind.COUNT, CellStatus.NOT_APPLICABLE, None),
    ("一", Kind.COUNT, CellStatus.NOT_APPLICABLE, None),
    ("无", Kind.DECIMAL, CellStatus.NOT_APPLICABLE, None),
    ("1,234", Kind.COUNT, CellStatus.NUMBER, 1234),
    ("１２", Kind.COUNT, CellStatus.NUMBER, 12),
    ("3件", Kind.COUNT, CellStatus.NUMBER, 3),
    ("3件", Kind.DECIMAL, CellStatus.UNREADABLE, None),
    ("0.5万元", Kind.DECIMAL, CellStatus.NUMBER, Decimal("0.5")),
    ("0.5万元", Kind.COUNT, CellStatus.UNREADABLE, None),
    ("0.5", Kind.COUNT, CellStatus.UNREADABLE, None),
    ("3", Kind.DECIMAL, CellStatus.NUMBER, Decimal(3)),
    ("300元", Kind.DECIMAL, CellStatus.UNREADABLE, None),
    ("16（其中修订16件）", Kind.COUNT, CellStatus.NUMBER, 16),
    ("12%", Kind.COUNT, CellStatus.UNREADABLE, None),
    ("12%", Kind.DECIMAL, CellStatus.UNREADABLE, None),
    ("1 234", Kind.COUNT, CellStatus.UNREADABLE, None),
    ("-3", Kind.SIGNED, CellStatus.NUMBER, -3),
    ("\u22123", Kind.SIGNED, CellStatus.NUMBER, -3),
    ("部分公开", Kind.COUNT, CellStatus.UNREADABLE, None),
]


@pytest.mark.parametrize(("text", "kind", "status", "value"), VALUES)
def test_parse_value_by_column_kind(
    text: str, kind: Kind, status: CellStatus, value: int | Decimal | None
) -> None:
    got_status, got_value = parse_value(text, kind)
    assert got_status is status
    assert got_value == value
    assert type(got_value) is type(value)


ENUMERATORS = [
    ("一、总体情况", "一", "总体情况"),
    ("十一、其他", "十一", "其他"),
    ("（三）不予公开", "三", "不予公开"),
    ("(三) 不予公开", "三", "不予公开"),
    ("3. 其他", "3", "其他"),
    ("3、其他", "3", "其他"),
    ("(3)其他", "3", "其他"),
    ("３．其他", "３", "其他"),
    ("③其他", "3", "其他"),
    ("第三部分 收到申请", "三", "收到申请"),
    ("3.5万元", "", "3.5万元"),
    ("一", "", "一"),
    ("本年新收", "", "本年新收"),
]


@pytest.mark.parametrize(("text", "ordinal", "rest"), ENUMERATORS)
def test_enumerators_split_off_and_start_items(text: str, ordinal: str, rest: str) -> None:
    assert split_enumerator(text) == (ordinal, rest)
    assert starts_item(text) is bool(ordinal)


@pytest.mark.parametrize(
    ("text", "margin", "anywhere"),
    [
        ("- 4 -", True, True),
        ("—12—", True, True),
        ("第 4 页", True, True),
        ("第4页，共12页", True, True),
        ("4/12", True, True),
        ("Page 4", True, False),
        ("4", True, False),
        ("·4·", True, False),
        ("0 0 0", False, False),
        ("12件", False, False),
        ("一、总体情况", False, False),
    ],
)
def test_page_numbers(text: str, margin: bool, anywhere: bool) -> None:
    assert is_page_number(text) is margin
    assert is_page_marker(text) is anywhere


@pytest.mark.parametrize(
    ("text", "digits", "spaced"),
    [("13054", True, True), ("１２,３", True, True), ("３ ０", False, True), ("3件", False, False)],
)
def test_digits_and_pieces_of_numbers(text: str, digits: bool, spaced: bool) -> None:
    assert is_digits(text) is digits
    assert is_digits(text, spaced=True) is spaced


def test_every_dash_punctuation_character_is_a_dash() -> None:
    dashes = [chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) == "Pd"]
    assert dashes
    for dash in dashes:
        assert read_token(dash).token is Token.DASH, f"U+{ord(dash):04X}"
        assert read_token(dash * 3).token is Token.DASH
    assert "×" in DASH_CHARS


# -- properties -------------------------------------------------------------------------

_STYLES = {
    "ascii": str.maketrans("", ""),
    "full-width": str.maketrans("0123456789", "０１２３４５６７８９"),
    "arabic-indic": str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),
}


def _grouped(number: int, separator: str) -> str:
    return f"{number:,}".replace(",", separator)


@given(
    number=st.integers(min_value=0, max_value=10**12),
    style=st.sampled_from(sorted(_STYLES)),
    separator=st.sampled_from(["", ",", "，"]),
    unit=st.sampled_from(["", "件", "项", "人次"]),
    note=st.sampled_from(["", "（其中修订2件）", "(注)"]),
)
def test_every_rendered_count_reads_as_that_number(
    number: int, style: str, separator: str, unit: str, note: str
) -> None:
    printed = _grouped(number, separator).translate(_STYLES[style]) + unit + note
    assert parse_value(printed, Kind.COUNT) == (CellStatus.NUMBER, number)
    assert is_value(printed)


@given(
    whole=st.integers(min_value=0, max_value=10**9),
    cents=st.integers(min_value=0, max_value=99),
    unit=st.sampled_from(["", "万元"]),
)
def test_every_rendered_amount_reads_as_that_decimal(whole: int, cents: int, unit: str) -> None:
    printed = f"{whole}.{cents:02d}{unit}"
    assert parse_value(printed, Kind.DECIMAL) == (
        CellStatus.NUMBER,
        Decimal(f"{whole}.{cents:02d}"),
    )
    assert parse_value(printed, Kind.COUNT) == (CellStatus.UNREADABLE, None)


_DASH_SPELLINGS = ["-", "—", "——", "–", "―", "－", "/", "／", "\\", "×", "一", "无", "\u2212"]


@given(
    dash=st.sampled_from(_DASH_SPELLINGS),
    pad=st.sampled_from(["", " ", "\u3000", "\n"]),
    kind=st.sampled_from(list(Kind)),
)
def test_every_dash_spelling_is_not_applicable_and_never_zero(
    dash: str, pad: str, kind: Kind
) -> None:
    assert parse_value(f"{pad}{dash}{pad}", kind) == (CellStatus.NOT_APPLICABLE, None)


@given(pad=st.text(alphabet=" \t\n\u3000\xa0\u2003", max_size=5), kind=st.sampled_from(list(Kind)))
def test_every_blank_spelling_is_blank(pad: str, kind: Kind) -> None:
    assert parse_value(pad, kind) == (CellStatus.BLANK, None)


@given(a=st.integers(min_value=0, max_value=999), b=st.integers(min_value=0, max_value=999))
def test_digits_apart_are_never_one_number(a: int, b: int) -> None:
    for kind in Kind:
        assert parse_value(f"{a} {b}", kind) == (CellStatus.UNREADABLE, None)


@given(st.text(max_size=60))
def test_any_text_reads_to_what_it_prints_or_nothing(text: str) -> None:
    for kind in Kind:
        status, value = parse_value(text, kind)
        assert (value is not None) is (status is CellStatus.NUMBER)
        if value is not None:  # its digits are printed, in order
            printed = "".join(
                str(unicodedata.decimal(char))
                for char in text
                if unicodedata.decimal(char, None) is not None
            )
            digits = str(value) if isinstance(value, int) else format(value, "f")
            assert digits.lstrip("-").replace(".", "") in printed


def test_the_lexicon_is_one_import_for_readers_and_assembler() -> None:
    from gikaireport.assemble import normalize
    from gikaireport.readers import pdf_regions, text

    assert normalize.parse_value is parse_value
    assert text.looks_like_value is looks_like_value
    assert pdf_regions.is_value is is_value


def test_nfkc_is_unicode_nfkc_for_every_character() -> None:
    characters = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    assert [nfkc(c) for c in characters] == [unicodedata.normalize("NFKC", c) for c in characters]


@given(st.text(alphabet=st.sampled_from("２０，（）：　ＡA\u0301\u3099か①…年 1") | st.characters()))
def test_nfkc_is_unicode_nfkc_for_any_text(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)
