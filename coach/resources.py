"""Where the folders that ship beside the code are: ``knowledge/`` and ``prompts/``.

In a checkout (and an editable install) they sit next to ``coach/``. A plain install puts
them under ``<prefix>/share/coach/`` (``[tool.setuptools.data-files]`` in pyproject.toml),
so the code looks in the source tree first and then there.
"""

from __future__ import annotations

import sys
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parent.parent


def shipped_dir(name: str) -> Path:
    """The folder ``name`` ("knowledge" or "prompts") of this installation."""
    beside = SOURCE_ROOT / name
    if (beside / "README.md").is_file():
        return beside
    installed = Path(sys.prefix) / "share" / "coach" / name
    if installed.is_dir():
        return installed
    # Neither exists: name the place a reader would look first; loading reports it.
    return beside
