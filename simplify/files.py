"""Writing files so that a crash never leaves half of one, and names made from titles stay put."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

_UNSAFE = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 80
# Names Windows keeps for devices, with any extension ("con.en.html" opens the console, not a file).
_WINDOWS_DEVICES = re.compile(r"(?:con|prn|aux|nul|com\d|lpt\d)")


def atomic_write(path: Path, data: bytes | Iterable[str | bytes]) -> None:
    """Write ``data`` to ``path`` through a private file in the same folder, then rename it in place.

    ``data`` is the bytes, or chunks of text (UTF-8) or bytes written as they come, so that a large
    report never has to be held whole in memory. Readers see the old file or the new one, never
    part of one; on any error the private file is removed and the old file is left as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes private files; a handout is an ordinary one
        with os.fdopen(fd, "wb") as f:
            if isinstance(data, bytes | bytearray):
                f.write(data)
            else:
                for chunk in data:
                    f.write(chunk.encode() if isinstance(chunk, str) else chunk)
            f.flush()
            os.fsync(f.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path: Path, data: bytes | Iterable[str | bytes]) -> None:
    """:func:`atomic_write` a file the user asked for; a failure to (a folder of that name, a full disk, no
    permission) is a :class:`~simplify.errors.SimplifyError` naming the file, not an internal error."""
    from simplify.errors import SimplifyError

    try:
        atomic_write(path, data)
    except OSError as exc:
        raise SimplifyError(f"cannot write {path}: {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def slugify(text: str, fallback: str = "article") -> str:
    """Return a file-name-safe slug of ``text``: lower-case ASCII letters, digits and hyphens only.

    Accents are folded ("Quimioterapia rápida" -> "quimioterapia-rapida"); nothing that could
    name a folder ("..", "/", a drive) or a Windows device ("CON", "LPT1") survives; an empty
    result is ``fallback``.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = _UNSAFE.sub("-", folded).strip("-")[:MAX_SLUG].strip("-")
    if _WINDOWS_DEVICES.fullmatch(slug):
        return f"{slug}-{fallback}"
    return slug or fallback


def inside(folder: Path, name: str) -> Path:
    """Return ``folder / name``, refusing any name that would land outside ``folder`` (a symlink there too)."""
    from simplify.errors import SimplifyError

    root = folder.resolve()
    target = (root / name).resolve()
    if target.parent != root:
        raise SimplifyError(f"{root / name}: the output name leaves the output folder; nothing written there")
    return target


def data_dir(packaged: str, checkout: str) -> Path:
    """Return a data folder that ships with simplify: ``simplify/<packaged>`` in an installed wheel,
    else ``<checkout>`` at the top of a source checkout (editable installs map no data packages)."""
    package = Path(__file__).resolve().parent
    inside_wheel = package / packaged
    return inside_wheel if inside_wheel.is_dir() else package.parent / checkout


def parse_xml(path: Path) -> Element:
    """Parse an XML file, refusing entity declarations instead of expanding or fetching them.

    ElementTree expands internal entities (a few kB can grow to gigabytes) and passes declared
    external ones on; NCI's export declares none, so any declaration is refused. Raise ValueError for
    a file that is not such XML (an unknown encoding too), OSError for one that cannot be read.
    """
    from xml.etree.ElementTree import TreeBuilder
    from xml.parsers import expat

    builder = TreeBuilder()
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = _no_entities
    with path.open("rb") as f:
        try:
            parser.ParseFile(f)
        except (expat.ExpatError, LookupError) as exc:
            raise ValueError(str(exc)) from exc
    return builder.close()


def _no_entities(name: str, *_: object) -> None:
    raise ValueError(f"declares entity {name!r}; an NCI export declares none")
