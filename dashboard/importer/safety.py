"""Refuse hostile or unusable uploads before any parser touches them.

Checks run on the raw bytes, cheapest first: size, emptiness, magic bytes (a renamed
PDF, an OLE/CFB container = legacy .xls or a password-protected workbook), then for ZIP
containers the members themselves — macros (vbaProject), encrypted members, and a
streamed decompression of every member with a hard cap, so a zip bomb whose headers lie
about its sizes is still caught before openpyxl opens it.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from dashboard.i18n import t

MAX_FILE_BYTES = 5 * 1024 * 1024  # an annual workbook is a few hundred kB
MAX_FILES = 30
MAX_MEMBERS = 500
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_MEMBER_RATIO = 200  # xlsx XML compresses 5-30x; a bomb compresses 1000x and more
_RATIO_FLOOR = 1024 * 1024  # tiny members may have any ratio

XLSX, CSV, JSON = "xlsx", "csv", "json"
_CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")


@dataclass
class RefusedFile(Exception):
    """A file refused as a whole; `code` picks the translated message `imp.refused.<code>`."""

    code: str
    file: str
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        return t(f"imp.refused.{self.code}", lang, file=self.file, **self.params)

    def __str__(self) -> str:
        return self.message("en")


def check_file(name: str, data: bytes, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Return XLSX or CSV for an acceptable file; raise RefusedFile with the reason otherwise."""
    if len(data) > max_bytes:
        raise RefusedFile("too_large", name, {"size": len(data), "limit": max_bytes})
    if not data.strip():
        raise RefusedFile("empty", name)
    lower = name.lower()
    if data.startswith(b"%PDF"):
        raise RefusedFile("pdf", name)
    if data.startswith(_CFB_MAGIC):
        # Office encrypts an .xlsx by wrapping it in a CFB container with an EncryptionInfo stream.
        raise RefusedFile("encrypted" if _ENCRYPTED_STREAM in data else "legacy", name)
    if data.startswith(_ZIP_MAGIC):
        if lower.endswith((".xlsm", ".xltm", ".xlam")):
            raise RefusedFile("macro", name)
        _check_zip(name, data)
        return XLSX
    if lower.endswith((".xlsx", ".xlsm", ".xls")):
        raise RefusedFile("binary", name)
    if not lower.endswith((".csv", ".txt", ".json")):
        raise RefusedFile("extension", name)
    if b"\x00" in data[:65536]:
        raise RefusedFile("binary", name)
    return JSON if lower.endswith(".json") else CSV


def _check_zip(name: str, data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise RefusedFile("corrupt", name, {"detail": str(exc)[:80]}) from exc
    if len(members) > MAX_MEMBERS:
        raise RefusedFile("bomb", name, {"detail": f"{len(members)} parts"})
    names = {m.filename for m in members}
    if any(m.flag_bits & 0x1 for m in members):
        raise RefusedFile("encrypted", name)
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise RefusedFile("macro", name)
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise RefusedFile("not_workbook", name)
    declared = sum(m.file_size for m in members)
    if declared > MAX_UNCOMPRESSED_BYTES:
        raise RefusedFile("bomb", name, {"detail": f"{declared} bytes declared"})
    total = 0
    for member in members:
        if member.file_size > _RATIO_FLOOR and member.file_size > MAX_MEMBER_RATIO * max(
            member.compress_size, 1
        ):
            raise RefusedFile("bomb", name, {"detail": f"{member.filename} ratio over {MAX_MEMBER_RATIO}"})
        total += _inflated_size(archive, member, MAX_UNCOMPRESSED_BYTES - total, name)
    content_types = archive.read("[Content_Types].xml")
    if b"macroEnabled" in content_types or b"vbaProject" in content_types:
        raise RefusedFile("macro", name)


def _inflated_size(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int, name: str) -> int:
    """Decompress a member in chunks, stopping as soon as it exceeds what is left of the budget."""
    size = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(1 << 20):
                size += len(chunk)
                if size > budget or (
                    size > _RATIO_FLOOR and size > MAX_MEMBER_RATIO * max(member.compress_size, 1)
                ):
                    raise RefusedFile("bomb", name, {"detail": f"{member.filename} inflates past the limit"})
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        raise RefusedFile("corrupt", name, {"detail": f"{member.filename}: {str(exc)[:60]}"}) from exc
    return size
