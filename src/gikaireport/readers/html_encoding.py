"""Recognising HTML bytes and decoding them to text.

Government portals serve pages in UTF-8 or in the GB family (GB2312, GBK, GB18030), often
declaring GB2312 while using GBK characters; saved pages may carry a BOM or be UTF-16. The
order of evidence is: a byte order mark, then the page's own declaration (``<meta charset>``,
``http-equiv`` or an XML declaration), then detection (strict UTF-8, then GB18030, which
covers GB2312 and GBK). A declaration is not believed when the bytes contradict it: a page
declaring a GB encoding whose bytes are valid UTF-8 with non-ASCII text is UTF-8 (GB text
is practically never valid UTF-8).

This module does not import lxml: the reader registry calls :func:`looks_like_html` on every
file it sniffs.
"""

from __future__ import annotations

import codecs
import re

from gikaireport.errors import UnsupportedFormatError

__all__: list[str] = []

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_HTML_STARTS = ("<!doctype html", "<html", "<head", "<body", "<meta", "<table", "<title")

# What may come before the first tag: whitespace, an XML declaration, comments
# (browsers' "saved from url" comment), in any number but within the sniffed prefix.
_PROLOGUE = re.compile(r"\s*(?:<\?xml[^>]{0,500}\?>|<!--.{0,2000}?-->)", re.DOTALL)

_SNIFF_BYTES = 4096
_DECLARATION_BYTES = 16384

_META_CHARSET = re.compile(
    rb"<meta\b[^>]{0,1000}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]{1,40})", re.IGNORECASE
)
_XML_ENCODING = re.compile(
    rb"^\s*<\?xml\b[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9_.\-]{1,40})[\"']", re.IGNORECASE
)

_GB = "gb18030"
_ALIASES = {
    **dict.fromkeys(
        (
            "gb2312",
            "gb_2312",
            "gb_2312-80",
            "gbk",
            "x-gbk",
            "cp936",
            "ms936",
            "windows-936",
            "936",
            "euc-cn",
            "euccn",
            "csgb2312",
            "chinese",
            "iso-ir-58",
            "gb18030",
            "hz-gb-2312",
        ),
        _GB,
    ),
    **dict.fromkeys(("big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5"), "big5hkscs"),
    **dict.fromkeys(
        ("iso-8859-1", "iso8859-1", "latin1", "latin-1", "ascii", "us-ascii", "windows-1252"),
        "cp1252",
    ),
    **dict.fromkeys(("utf8", "utf-8", "unicode-1-1-utf-8"), "utf-8"),
    # A page whose declaration can be read as ASCII is not UTF-16 (as browsers rule).
    **dict.fromkeys(("utf-16", "utf-16le", "utf-16be", "unicode"), "utf-8"),
}

# Characters that do not occur in text: C0 controls other than tab, newlines and form
# feed, and the replacement character left by a failed decoding.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")
_MAX_NOT_TEXT = 0.02


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the zero bytes of ASCII markup give UTF-16 away."""
    sample = head[:512]
    if len(sample) < 8:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even * 4 < odd:
        return "utf-16-le"
    if even > 0.3 * half and odd * 4 < even:
        return "utf-16-be"
    return None


def _unicode_encoding(data: bytes) -> tuple[str, int] | None:
    """Find the encoding fixed by a BOM (with the BOM's length) or by UTF-16 zero bytes."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    utf16 = _utf16_without_bom(data)
    return (utf16, 0) if utf16 else None


def looks_like_html(data: bytes) -> bool:
    """Whether the bytes start like an HTML page or fragment.

    After an optional BOM, whitespace, an XML declaration and comments, the text must start
    with ``<!doctype html``, ``<html``, ``<head``, ``<body``, ``<meta``, ``<table`` or
    ``<title`` (case-insensitive), in UTF-8 or UTF-16 (with or without a BOM). Only the first
    few kilobytes are looked at.
    """
    head = data[:_SNIFF_BYTES]
    found = _unicode_encoding(head)
    if found is not None:
        encoding, skip = found
        text = head[skip:].decode(encoding, errors="ignore")
    else:
        text = head.decode("latin-1")
    position = 0
    while True:
        match = _PROLOGUE.match(text, position)
        if match is None or match.end() == position:
            break
        position = match.end()
    start = text[position : position + 20].lstrip().lower()
    return start.startswith(_HTML_STARTS)


def declared_encoding(data: bytes) -> str | None:
    """Return the Python codec for the charset the page declares, or ``None``.

    GB2312 and GBK declarations map to GB18030 (their superset), Latin-1 to Windows-1252
    (as browsers do); a declaration Python does not know is ignored.
    """
    head = data[:_DECLARATION_BYTES]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii").strip().lower()
    if label in _ALIASES:
        return _ALIASES[label]
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _is_utf8_with_non_ascii(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _not_text_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_NOT_TEXT.findall(text)) / len(text)


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    """Decode an HTML page: returns ``(text, how)``, ``how`` naming the encoding and why.

    The BOM, if any, is removed. A page that decodes only with replacement characters is
    accepted when they are rare (a stray bad byte); bytes that are not text in any candidate
    encoding raise :class:`~gikaireport.errors.UnsupportedFormatError`.
    """
    found = _unicode_encoding(data)
    if found is not None:
        encoding, skip = found
        text = data[skip:].decode(encoding, errors="replace")
        how = f"{encoding} (byte order mark)" if skip else f"{encoding} (zero bytes)"
        return _checked(text, how, name)

    declared = declared_encoding(data)
    if declared not in (None, "utf-8") and _is_utf8_with_non_ascii(data):
        return _checked(data.decode("utf-8"), f"utf-8 (declared {declared}, bytes are utf-8)", name)

    candidates = [declared] if declared else []
    candidates += [encoding for encoding in ("utf-8", _GB) if encoding != declared]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        how = "declared" if encoding == declared else "detected"
        return _checked(text, f"{encoding} ({how})", name)

    best = min(
        ((data.decode(encoding, errors="replace"), encoding) for encoding in candidates),
        key=lambda pair: pair[0].count("\ufffd"),
    )
    return _checked(best[0], f"{best[1]} (with undecodable bytes replaced)", name)


def _checked(text: str, how: str, name: str) -> tuple[str, str]:
    if _not_text_share(text) > _MAX_NOT_TEXT:
        raise UnsupportedFormatError(
            name,
            "not an HTML page: the bytes are not text in UTF-8, UTF-16, GB18030 or the "
            "encoding the page declares",
        )
    return text, how
