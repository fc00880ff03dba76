"""Archives of reports: ZIP (member names in GBK as Windows tools write them), 7z and RAR.

Each file inside an archive is a *member*, named ``archive.zip!/folder/member.pdf``. Members
are read into memory, never written to disk, so an archive cannot make the library write
anywhere (a member called ``../../x`` is only a name). The limits that guard the DOCX reader
against ZIP bombs guard archives too: the number of members, the size each declares and the
compression ratio are checked before anything is inflated, and inflating stops at the
declared size.

ZIP member names without the UTF-8 flag are stored in the code page of the machine that made
the archive; in China that is GBK (CP936), which Python's :mod:`zipfile` would decode as
CP437. Such names are decoded as UTF-8 when they are valid UTF-8 (some tools write UTF-8
without setting the flag), else as GB18030 (a superset of GBK).

7z archives need ``py7zr`` and RAR archives need ``rarfile`` with an ``unrar`` or ``bsdtar``
program (the ``archives`` extra installs both Python packages);
without them such an archive is a :class:`~gikaireport.errors.MissingDependencyError`.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import Any

from attrs import field, frozen

from gikaireport.errors import EncryptedDocumentError, MissingDependencyError, ReadError
from gikaireport.readers.containers import check_member_sizes, is_docx, is_ofd

__all__: list[str] = []

MEMBER_SEPARATOR = "!/"
"""Between an archive's name and a member's path: ``reports.zip!/财政局/2023.pdf``."""

MAX_MEMBER_SIZE = 200 * 1024 * 1024
"""The most one member may declare uncompressed (bytes), as for a file read from disk."""

MAX_ARCHIVE_TOTAL = 2 * 1024 * 1024 * 1024
"""The most all members of one archive may declare uncompressed together (bytes)."""

MAX_DEPTH = 3
"""How deep archives inside archives are opened."""

_CHUNK = 1024 * 1024
_LIMITS = (MAX_MEMBER_SIZE, MAX_ARCHIVE_TOTAL)
_SEVEN_ZIP = b"7z\xbc\xaf\x27\x1c"
_RAR = b"Rar!\x1a\x07"
_UTF8_FLAG = 0x800


@frozen
class Member:
    """A file inside an archive: its full name (``archive.zip!/path``) and its bytes."""

    name: str
    data: bytes = field(repr=lambda data: f"<{len(data)} bytes>")


def archive_kind(data: bytes) -> str | None:
    """``"zip"``, ``"7z"`` or ``"rar"`` for an archive of files; ``None`` otherwise.

    A ZIP that is a DOCX or an OFD document is a document, not an archive.
    """
    if data.startswith(_SEVEN_ZIP):
        return "7z"
    if data.startswith(_RAR):
        return "rar"
    if data.startswith(b"PK\x03\x04") and not is_docx(data) and not is_ofd(data):
        return "zip"
    return None


def split_member_path(source: str) -> tuple[str, str] | None:
    """Split ``archive.zip!/folder/a.pdf`` into the archive and the member path."""
    archive, separator, member = source.partition(MEMBER_SEPARATOR)
    return (archive, member) if separator and member else None


def zip_member_name(info: zipfile.ZipInfo) -> str:
    """A ZIP member's name, decoding names written in GBK without the UTF-8 flag."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", "replace")


def _clean(path: str) -> str:
    """A member path as a display name: forward slashes, no leading slash or ``..``."""
    parts = [part for part in path.replace("\\", "/").split("/") if part not in ("", ".", "..")]
    return posixpath.join(*parts) if parts else ""


def _skipped(path: str) -> bool:
    return not path or path.startswith("__MACOSX/") or path.rsplit("/", 1)[-1].startswith(".")


Want = Callable[[str], bool]
"""Whether a member (by its path) is to be inflated; the others are only listed."""

Entries = Iterator[tuple[str, bytes | None]]
"""Each member's path, with its bytes when it was wanted, else ``None``."""


def _zip_members(data: bytes, name: str, want: Want) -> Entries:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ReadError(name, f"the ZIP archive is truncated or corrupt ({exc})") from exc
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        named = [(_clean(zip_member_name(info)), info) for info in infos]
        check_member_sizes(
            [(path, i.file_size, i.compress_size) for path, i in named], name, *_LIMITS
        )
        for path, info in named:
            if not _skipped(path):
                yield path, _inflate(archive, info, path, name) if want(path) else None


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, name: str) -> bytes:
    """Inflate one member in chunks; zipfile stops at the declared size and checks the CRC."""
    chunks: list[bytes] = []
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                chunks.append(chunk)
    except RuntimeError as exc:  # zipfile's "password required"
        raise EncryptedDocumentError(name, f"{path!r} is encrypted ({exc})") from exc
    except NotImplementedError as exc:
        raise ReadError(name, f"{path!r} uses a compression method that cannot be read") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise ReadError(name, f"{path!r} cannot be inflated ({exc})") from exc
    return b"".join(chunks)


def _missing(name: str, archives: str, package: str) -> MissingDependencyError:
    """The error for an archive format whose package (of the ``archives`` extra) is missing."""
    hint = "pip install 'gikaireport[archives]'"
    return MissingDependencyError(name, f"reading {archives} archives needs {package}: {hint}")


def _seven_zip_members(data: bytes, name: str, want: Want) -> Entries:
    try:
        import py7zr
        from py7zr.io import BytesIOFactory
    except ImportError:
        raise _missing(name, "7z", "py7zr") from None
    try:
        with py7zr.SevenZipFile(io.BytesIO(data)) as archive:
            if archive.needs_password():
                raise EncryptedDocumentError(name, "the 7z archive is password-protected")
            files = [info for info in archive.list() if not info.is_directory]
            check_member_sizes(
                [(info.filename, info.uncompressed, -1) for info in files], name, *_LIMITS
            )
            factory = BytesIOFactory(MAX_MEMBER_SIZE + 1)
            targets = [info.filename for info in files if want(_clean(info.filename))]
            if targets:
                archive.extract(targets=targets, factory=factory)
    except ReadError:
        raise
    except Exception as exc:  # py7zr raises many types for damaged archives
        reason = f"the 7z archive cannot be read ({type(exc).__name__}: {exc})"
        raise ReadError(name, reason) from exc
    for info in files:
        path = _clean(info.filename)
        if _skipped(path):
            continue
        stream = factory.products.get(info.filename)
        if stream is None:
            yield path, None
            continue
        if stream.size() > MAX_MEMBER_SIZE or stream.size() != info.uncompressed:
            raise ReadError(name, f"{path!r} does not inflate to the size it declares")
        stream.seek(0)
        yield path, stream.read()


def _rar_members(data: bytes, name: str, want: Want) -> Entries:
    try:
        import rarfile
    except ImportError:
        raise _missing(name, "RAR", "rarfile") from None
    try:
        archive: Any = rarfile.RarFile(io.BytesIO(data))
    except rarfile.Error as exc:
        raise ReadError(name, f"the RAR archive cannot be read ({exc})") from exc
    with archive:
        if archive.needs_password():
            raise EncryptedDocumentError(name, "the RAR archive is password-protected")
        infos = [info for info in archive.infolist() if not info.is_dir()]
        check_member_sizes(
            [(info.filename, info.file_size, info.compress_size) for info in infos],
            name,
            *_LIMITS,
        )
        for info in infos:
            path = _clean(info.filename)
            if _skipped(path):
                continue
            if not want(path):
                yield path, None
                continue
            try:
                yield path, archive.read(info)
            except rarfile.RarCannotExec as exc:
                raise MissingDependencyError(
                    name, "reading RAR archives needs the unrar or bsdtar program"
                ) from exc
            except rarfile.Error as exc:
                raise ReadError(name, f"{path!r} cannot be extracted ({exc})") from exc


_OPENERS: dict[str, Callable[[bytes, str, Want], Entries]] = {
    "zip": _zip_members,
    "7z": _seven_zip_members,
    "rar": _rar_members,
}
_NESTED = (".zip", ".7z", ".rar")


def _kind(data: bytes, name: str) -> str:
    kind = archive_kind(data)
    if kind is None:
        raise ReadError(name, "not a ZIP, 7z or RAR archive")
    return kind


def _nested(content: bytes, member: str, depth: int) -> bool:
    """Whether a member is an archive to open in turn (refusing one nested too deep)."""
    if archive_kind(content) is None:
        return False
    if depth + 1 >= MAX_DEPTH:
        raise ReadError(member, f"archives nested more than {MAX_DEPTH} deep")
    return True


def archive_members(
    data: bytes, name: str, depth: int = 0, wanted: str | None = None
) -> Iterator[Member]:
    """The files of an archive, in the archive's order, archives inside it opened too.

    ``name`` is the archive's display name; each member is named ``name!/path``. Folders,
    ``__MACOSX`` resource forks and hidden files are skipped. With ``wanted`` (a member path,
    ``inner.zip!/a.pdf`` for a nested one) only that member is inflated and yielded.

    Raises:
        ReadError: the archive is corrupt, declares more than the limits of this module, or
            holds archives nested more than :data:`MAX_DEPTH` deep.
        EncryptedDocumentError: a member is password-protected.
        MissingDependencyError: a 7z or RAR archive without its backend.

    """
    here, _, inner = (wanted or "").partition(MEMBER_SEPARATOR)
    entries = _OPENERS[_kind(data, name)](data, name, lambda path: not here or path == here)
    for path, content in entries:
        if content is None:
            continue
        member = f"{name}{MEMBER_SEPARATOR}{path}"
        if _nested(content, member, depth):
            yield from archive_members(content, member, depth + 1, inner or None)
        elif not inner:
            yield Member(member, content)


def member_names(data: bytes, name: str, depth: int = 0) -> Iterator[str]:
    """The names of an archive's files (``name!/path``), inflating only archives inside it."""
    entries = _OPENERS[_kind(data, name)](data, name, lambda path: path.lower().endswith(_NESTED))
    for path, content in entries:
        member = f"{name}{MEMBER_SEPARATOR}{path}"
        if content is not None and _nested(content, member, depth):
            yield from member_names(content, member, depth + 1)
        else:
            yield member


def find_member(data: bytes, name: str, path: str) -> Member:
    """The member at ``path`` (``folder/a.pdf``, or ``inner.zip!/a.pdf`` for a nested one)."""
    wanted = _clean_nested(path)
    for member in archive_members(data, name, wanted=wanted):
        if member.name == f"{name}{MEMBER_SEPARATOR}{wanted}":
            return member
    raise ReadError(f"{name}{MEMBER_SEPARATOR}{path}", "no such member in the archive")


def _clean_nested(path: str) -> str:
    return MEMBER_SEPARATOR.join(_clean(part) for part in path.split(MEMBER_SEPARATOR))
