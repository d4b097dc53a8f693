"""The files of a Förderdatenbank export, from a folder in its layout or from its ZIP, read as hostile input.

The export names documents by content path (`/BMWI/FDB/Content/DE/Kontakt/B/bundesagentur-fuer-arbeit`), and its
documents link each other by such paths (`xlink:href="target:/BMWI/…"`). Both come from outside, so a path is only
ever looked up, never joined blindly: it must stay below `/BMWI/FDB/Content/DE/` without `..`, and folder reads must
resolve inside the export folder (no symlinks out of it). A ZIP is never extracted to disk; before anything is read,
the archive is checked as a whole — a complete central directory (a truncated download fails here), member names
without traversal (zip slip), the number of files, the total unpacked size and each member's compression ratio
(zip bomb). Reads never exceed a member's declared size, and zipfile checks each member's CRC.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath

from indexer.fetch.http_fetcher import http_date_to_iso
from indexer.parsers.errors import ParseError

CONTENT_ROOT = "/BMWI/FDB/Content/DE/"
PROGRAMME_ROOT = CONTENT_ROOT + "Foerderprogramm/"
_SAFE_PATH = re.compile(r"^/BMWI/FDB/Content/DE/[A-Za-z0-9_./-]+$")
_MAX_RATIO = 100  # unpacked / packed size of one member; real export documents compress 5–10 times
_RATIO_FLOOR = 1_000_000  # members smaller than this unpacked cannot be a bomb whatever their ratio


class ExportArchiveError(ParseError):
    """The export as a whole cannot be read safely (damaged, truncated, a bomb, traversal): nothing of it is used."""


@dataclass(frozen=True)
class ExportLimits:
    max_files: int = 50_000
    max_unpacked_bytes: int = 2_000_000_000
    max_file_bytes: int = 20_000_000


def content_path(href: str) -> str | None:
    """`target:/BMWI/FDB/Content/DE/…` (or the bare path) → the content path, or None if it is not a safe one."""
    path = href.removeprefix("target:").strip()
    if not _SAFE_PATH.match(path) or ".." in path.split("/") or path.endswith("/"):
        return None
    return path


class ExportFiles(ABC):
    """Read access to one export: its programme documents and the documents they link, by content path."""

    export_date: str  # ISO day the export was produced (see the readers for where it comes from)

    @abstractmethod
    def programme_paths(self) -> list[str]:
        """Content paths of the documents under Foerderprogramm/, sorted."""

    @abstractmethod
    def read(self, path: str) -> bytes | None:
        """The XML of the document at `path`; None when the export does not hold it. Raises ParseError."""

    def close(self) -> None:  # noqa: B027 (a folder holds nothing open; the ZIP reader closes its archive)
        """Release what the reader holds open."""


class FolderExport(ExportFiles):
    """An extracted export: `root` holds `BMWI/FDB/Content/DE/…` (or is the `BMWI` folder itself)."""

    def __init__(self, root: Path, limits: ExportLimits, export_date: str | None = None) -> None:
        root = root.resolve()
        if root.name == "BMWI" and not (root / "BMWI").is_dir():
            root = root.parent
        if not (root / CONTENT_ROOT.strip("/")).is_dir():
            raise ExportArchiveError(f"no Förderdatenbank export in {root}: expected the folder "
                                     f"{CONTENT_ROOT.strip('/')}")
        self._root = root
        self._limits = limits
        self._files = self._list()
        if export_date is None:
            newest = max((mtime for mtime in self._files.values()), default=0.0)
            export_date = datetime.fromtimestamp(newest or datetime.now(UTC).timestamp(), UTC).date().isoformat()
        self.export_date = export_date

    def _list(self) -> dict[str, float]:
        """Content path → modification time of every XML file below the content root (symlinks are not followed)."""
        files: dict[str, float] = {}
        total = 0
        base = self._root / CONTENT_ROOT.strip("/")
        for folder, dirs, names in os.walk(base, followlinks=False):
            dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]
            for name in names:
                file = Path(folder) / name
                if not name.endswith(".xml") or file.is_symlink():
                    continue
                relative = "/" + file.relative_to(self._root).as_posix().removesuffix(".xml")
                path = content_path(relative)
                if path is None:
                    continue  # a name the export never uses (spaces, umlauts): not one of its documents
                stat = file.stat()
                total += stat.st_size
                files[path] = stat.st_mtime
                if len(files) > self._limits.max_files:
                    raise ExportArchiveError(f"the export holds more than {self._limits.max_files:,} files")
                if total > self._limits.max_unpacked_bytes:
                    raise ExportArchiveError(f"the export is larger than {self._limits.max_unpacked_bytes:,} bytes")
        return files

    def programme_paths(self) -> list[str]:
        return sorted(p for p in self._files if p.startswith(PROGRAMME_ROOT))

    def read(self, path: str) -> bytes | None:
        if path not in self._files:
            return None
        file = (self._root / (path.lstrip("/") + ".xml")).resolve()
        if not file.is_relative_to(self._root):
            return None
        size = file.stat().st_size
        if size > self._limits.max_file_bytes:
            raise ParseError(f"document has {size:,} bytes, more than max_file_bytes ({self._limits.max_file_bytes:,})")
        return file.read_bytes()


class ZipExport(ExportFiles):
    """The export's ZIP, from bytes (a download) or a file. Checked as a whole when opened."""

    def __init__(self, data: bytes | Path, limits: ExportLimits, export_date: str | None = None) -> None:
        self._limits = limits
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
            raise ExportArchiveError(f"not a complete ZIP archive (truncated or damaged download?): {exc}") from exc
        self._members = self._check(self._zip.infolist())
        if export_date is None:
            modified = data.stat().st_mtime if isinstance(data, Path) else datetime.now(UTC).timestamp()
            export_date = datetime.fromtimestamp(modified, UTC).date().isoformat()
        self.export_date = export_date

    def close(self) -> None:
        self._zip.close()

    def _check(self, infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
        if len(infos) > self._limits.max_files:
            raise ExportArchiveError(f"the archive holds {len(infos):,} entries, more than max_files "
                                     f"({self._limits.max_files:,})")
        total = 0
        prefixes: set[str] = set()
        members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            parts = PurePosixPath(name).parts
            if name.startswith(("/", "\\")) or "\\" in name or ".." in parts or (parts and ":" in parts[0]):
                raise ExportArchiveError(f"unsafe path in the archive: {name!r} (path traversal); archive refused")
            if info.is_dir():
                continue
            total += info.file_size
            if total > self._limits.max_unpacked_bytes:
                raise ExportArchiveError(f"the archive unpacks to more than max_unpacked_bytes "
                                         f"({self._limits.max_unpacked_bytes:,}); archive refused (zip bomb?)")
            if info.file_size > _RATIO_FLOOR and info.file_size > _MAX_RATIO * max(info.compress_size, 1):
                raise ExportArchiveError(f"{name!r} is compressed {info.file_size // max(info.compress_size, 1):,} "
                                         f"to 1 (more than {_MAX_RATIO} to 1); archive refused (zip bomb?)")
            marker = name.find(CONTENT_ROOT.lstrip("/"))
            if marker < 0 or not name.endswith(".xml"):
                continue
            path = content_path("/" + name[marker:].removesuffix(".xml"))
            if path is None:
                continue
            prefixes.add(name[:marker])
            members[path] = info
        if not members:
            raise ExportArchiveError(f"no Förderdatenbank export in the archive: expected {CONTENT_ROOT.strip('/')}/…")
        if len(prefixes) > 1:
            raise ExportArchiveError(f"the archive holds more than one export ({', '.join(sorted(prefixes))})")
        return members

    def programme_paths(self) -> list[str]:
        return sorted(p for p in self._members if p.startswith(PROGRAMME_ROOT))

    def read(self, path: str) -> bytes | None:
        info = self._members.get(path)
        if info is None:
            return None
        if info.file_size > self._limits.max_file_bytes:
            raise ParseError(f"document has {info.file_size:,} bytes, more than max_file_bytes "
                             f"({self._limits.max_file_bytes:,})")
        try:
            with self._zip.open(info) as member:
                return member.read(info.file_size + 1)  # zipfile stops at the declared size and checks the CRC
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, ValueError) as exc:
            raise ExportArchiveError(f"archive member {info.filename!r} cannot be read (damaged archive): {exc}") \
                from exc


def export_date_of(last_modified: str | None, today: date) -> str:
    """The date of a downloaded export: its Last-Modified day if the server sends one, else the day of download."""
    return http_date_to_iso(last_modified) or today.isoformat()
