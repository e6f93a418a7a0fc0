"""The data layer's one atomic file write: a temporary file in the target's folder, then a rename.

Readers (the running dashboard, another process) see the old file or the new one, never half
of either, and a crash leaves at most a hidden ``.<name>.*.tmp`` behind, which is removed when
the write fails in-process. Every writer in ``data/`` (published Parquet and CSV, history
records, journals, open data and its manifest, templates) goes through :func:`write_bytes`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

Rename = Callable[[str, Path], None]


def write_bytes(
    target: Path,
    data: bytes,
    *,
    mode: int | None = None,
    durable: bool = False,
    exclusive: bool = False,
    rename: Rename | None = None,
) -> None:
    """Write ``data`` to ``target`` atomically.

    ``mode`` defaults to the replaced file's permissions, else 0644 (``mkstemp`` makes 0600,
    and the server may run as another user). ``durable`` flushes to disk before the rename
    (publishing: a power cut must not leave an empty live file). ``exclusive`` never replaces
    an existing file (:class:`FileExistsError` instead). ``rename`` is the step that puts the
    file in place (publishing passes its own, which the crash tests interrupt).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        os.chmod(tmp, mode)
        if exclusive:
            _link_new(tmp, target, data)
        else:
            (rename or os.replace)(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _link_new(tmp: str, target: Path, data: bytes) -> None:
    """Put ``tmp`` at ``target`` only if nothing is there (a hard link fails rather than replace a file)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:
        # A filesystem without hard links: exclusive creation still never overwrites.
        with open(target, "xb") as handle:
            handle.write(data)
