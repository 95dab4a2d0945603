"""Qt for Python's signature-support modules, written out as compiled files for the bundle.

shiboken6 carries its Python support package (``shibokensupport``: signatures,
error messages, the ``__feature__`` switch) as a zip archive inside
``libshiboken6``, and at every start of every PySide6 program it imports that
package from the archive, compiling its sources anew: about 10 ms of the
bundle's start (bench/startup.py), before the window can exist.

shiboken6 also supports the same modules as ordinary files: when a
``files.dir`` folder stands beside ``shiboken6/__init__``, it imports them from
there (``SBK_EMBED=0`` is its own switch for writing that folder into an
installed package). The build writes the folder for the bundle instead, as
byte code only (``module.pyc`` where ``module.py`` was, as the bundle holds the
app's own modules): compiled by the Python that freezes the bundle, with no
source whose date could make it stale and no ``__pycache__`` folders, which
Debian's policy forbids in a package. A bundle whose folder is missing still
starts, from the archive, just more slowly; the packaging tests check that it
is there.

Run by the spec, under the Python that builds the bundle (Linux or Windows).
"""

from __future__ import annotations

import py_compile
import shutil
import sys
from pathlib import Path

FOLDER_IN_BUNDLE = "shiboken6/files.dir"  # where shiboken6 looks for it
PACKAGE = "shibokensupport"


def write_support_files(target: Path) -> int:
    """Write ``shibokensupport`` as byte code into ``target``; the number of modules."""
    import PySide6.QtCore  # noqa: F401 - loads shibokensupport, from the archive or files.dir

    support = sys.modules[PACKAGE]
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    archive = getattr(support.__loader__, "zfile", None)  # shiboken's in-memory zip importer
    if archive is not None:
        names = [name for name in archive.namelist() if name.startswith(f"{PACKAGE}/")]
        archive.extractall(target, members=[name for name in names if name.endswith(".py")])
    else:  # this Python's shiboken6 already runs from files (SBK_EMBED=0 was used)
        assert support.__file__ is not None
        shutil.copytree(
            Path(support.__file__).parent,
            target / PACKAGE,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    sources = sorted(target.rglob("*.py"))
    if not sources or not (target / PACKAGE / "__init__.py").is_file():
        raise RuntimeError(f"no {PACKAGE} sources found for the bundle")
    for source in sources:
        name_in_tracebacks = source.relative_to(target).as_posix()
        py_compile.compile(
            str(source),
            cfile=str(source.with_suffix(".pyc")),
            dfile=f"{FOLDER_IN_BUNDLE}/{name_in_tracebacks}",
            doraise=True,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )
        source.unlink()
    return len(sources)
