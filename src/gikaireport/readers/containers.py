"""Cheap checks of the container formats Word files use: ZIP (DOCX) and OLE2 (DOC, WPS).

The sniffers look at magic bytes and, for ZIP, at the central directory only; nothing is
inflated. :func:`check_docx_zip` is the guard the DOCX reader runs before python-docx sees the
bytes: it refuses archives whose directory declares more than the reader is willing to inflate
(ZIP bombs), then inflates every member in small chunks, which stops at the size the directory
declares, so an archive that lies about its sizes fails within bounded memory too. Reading
stays within bounded time and memory.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from gikaireport.errors import EncryptedDocumentError, ReadError

__all__: list[str] = []

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The signature of an OLE2 compound file (Word 97-2003 .doc, WPS .wps, encrypted OOXML)."""

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_MAIN_PART = "word/document.xml"

MAX_TOTAL_SIZE = 256 * 1024 * 1024
"""The most a DOCX may declare uncompressed, all members together (bytes)."""

MAX_XML_SIZE = 32 * 1024 * 1024
"""The most one XML member may declare uncompressed (bytes); XML is parsed into a tree."""

MAX_RATIO = 200
"""The highest compression ratio accepted for a member larger than 1 MiB.

Word's XML compresses about 20:1; deflate cannot exceed about 1030:1, which is what ZIP
bombs use.
"""

MAX_MEMBERS = 10_000
"""The most members a DOCX may have."""

_RATIO_FLOOR = 1024 * 1024
_CHUNK = 1024 * 1024


def is_docx(data: bytes) -> bool:
    """Whether ``data`` is a ZIP archive holding ``word/document.xml``.

    Reads the ZIP central directory only. A ZIP whose directory is missing (a truncated
    download) is claimed when a local header names ``word/document.xml``, so that the DOCX
    reader can say the file is truncated.
    """
    if not data.startswith(_ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(info.filename == _MAIN_PART for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return b"PK\x03\x04" in data and _MAIN_PART.encode() in data


def is_ofd(data: bytes) -> bool:
    """Whether ``data`` is an OFD package: a ZIP archive with ``OFD.xml`` at its root.

    Reads the ZIP central directory only.
    """
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(info.filename.lower() == "ofd.xml" for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return False


def is_ole(data: bytes) -> bool:
    """Whether ``data`` starts with the OLE2 compound file signature."""
    return data.startswith(OLE_MAGIC)


def ole_has_stream(data: bytes, name: str) -> bool:
    """Whether an OLE2 file's directory holds an entry called ``name``.

    Looks for the directory entry as stored (the UTF-16 name padded with zeros to 64 bytes,
    then its length), which text inside the document cannot imitate.
    """
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    if len(encoded) > 64:
        return False
    entry = encoded.ljust(64, b"\x00") + struct.pack("<H", len(encoded))
    return entry in data


def _size(count: int) -> str:
    if count < 1024:
        return f"{count} bytes"
    amount = count / 1024
    unit = "KiB"
    for larger in ("MiB", "GiB"):
        if amount < 1024:
            break
        amount, unit = amount / 1024, larger
    return f"{amount:.1f} {unit}"


def check_member_sizes(
    entries: list[tuple[str, int, int]], name: str, max_member: int, max_total: int
) -> None:
    """Refuse a container whose directory declares too much before inflating anything.

    ``entries`` are ``(path, uncompressed size, compressed size)`` for each member (the
    compressed size ``-1`` when the format does not give it). Raises
    :class:`~gikaireport.errors.ReadError` for more than :data:`MAX_MEMBERS` members, a member
    over ``max_member`` bytes, a member over 1 MiB compressed more than :data:`MAX_RATIO`
    times, or more than ``max_total`` bytes in all.
    """
    if len(entries) > MAX_MEMBERS:
        raise ReadError(name, f"refusing to open an archive with {len(entries)} members")
    total = 0
    for path, size, packed in entries:
        total += size
        if size > max_member:
            raise ReadError(
                name, f"refusing to inflate {path!r}: it declares {_size(size)} uncompressed"
            )
        if size > _RATIO_FLOOR and packed >= 0 and size / max(packed, 1) > MAX_RATIO:
            raise ReadError(
                name,
                f"refusing to inflate {path!r}: it declares {_size(size)} from "
                f"{_size(packed)} compressed (ratio {size // max(packed, 1)}:1), an archive bomb",
            )
    if total > max_total:
        raise ReadError(
            name, f"refusing to inflate the archive: its members declare {_size(total)} in all"
        )


def check_docx_zip(data: bytes, name: str) -> None:
    """Check that ``data`` is a DOCX's ZIP archive and that it is safe to inflate.

    Raises :class:`~gikaireport.errors.ReadError` for an empty file, bytes that are not a
    ZIP archive, a truncated or corrupt archive, an archive without ``word/document.xml``,
    and an archive that declares more uncompressed data (or a higher compression ratio) than
    the limits in this module; :class:`~gikaireport.errors.EncryptedDocumentError` for a
    password-protected DOCX (which is an OLE2 file).
    """
    if not data:
        raise ReadError(name, "the file is empty")
    if is_ole(data):
        if ole_has_stream(data, "EncryptedPackage"):
            raise EncryptedDocumentError(
                name, "the DOCX is password-protected; remove the password in Word and save again"
            )
        raise ReadError(
            name, "this is a Word 97-2003 (.doc) or WPS file, not DOCX; read it as format 'doc'"
        )
    if not data.startswith(_ZIP_MAGIC):
        raise ReadError(name, "not a DOCX file: the content is not a ZIP archive")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ReadError(
            name, f"the DOCX is truncated or corrupt: its ZIP directory cannot be read ({exc})"
        ) from exc
    with archive:
        infos = archive.infolist()
        _check_declared(infos, name)
        for info in infos:
            _inflate(archive, info, name)


def _check_declared(infos: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse what the ZIP directory declares: too many members, too much data, a bomb."""
    if len(infos) > MAX_MEMBERS:
        raise ReadError(name, f"refusing to open a DOCX with {len(infos)} ZIP members")
    if not any(info.filename == _MAIN_PART for info in infos):
        raise ReadError(name, f"not a Word document: the ZIP archive has no {_MAIN_PART}")
    total = 0
    for info in infos:
        total += info.file_size
        packed = max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and info.file_size / packed > MAX_RATIO:
            raise ReadError(
                name,
                f"refusing to inflate {info.filename!r}: it declares {_size(info.file_size)} "
                f"from {_size(info.compress_size)} compressed (ratio "
                f"{info.file_size // packed}:1), a ZIP bomb",
            )
        if info.filename.endswith((".xml", ".rels")) and info.file_size > MAX_XML_SIZE:
            raise ReadError(
                name,
                f"refusing to inflate {info.filename!r}: it declares {_size(info.file_size)} of "
                f"XML (the limit is {_size(MAX_XML_SIZE)})",
            )
    if total > MAX_TOTAL_SIZE:
        raise ReadError(
            name,
            f"refusing to inflate the DOCX: its members declare {_size(total)} uncompressed "
            f"(the limit is {_size(MAX_TOTAL_SIZE)}), a ZIP bomb or not a report",
        )


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Inflate a member in small chunks, checking its CRC; the data is discarded.

    ``ZipFile.read`` (which python-docx uses) inflates up to 2 GiB in one call whatever the
    directory declares; reading in chunks stops at the declared size, so a member whose
    stream inflates to more than it declares fails here, within bounded memory.
    """
    try:
        with archive.open(info) as member:
            while member.read(_CHUNK):
                pass
    except NotImplementedError as exc:
        raise ReadError(
            name, f"{info.filename!r} uses a compression method that cannot be read ({exc})"
        ) from exc
    except RuntimeError as exc:  # zipfile's "password required"
        raise EncryptedDocumentError(name, f"{info.filename!r} is encrypted ({exc})") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise ReadError(
            name, f"the DOCX is truncated or corrupt: {info.filename!r} cannot be inflated ({exc})"
        ) from exc
