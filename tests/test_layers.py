"""The core in ``coach/`` stands alone: the API, the web pages, the CLI and the eval
harness import it, never the other way round."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTER = ("api", "cli", "evals", "fastapi", "starlette", "typer")


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_core_imports_no_app_layer():
    offending = {
        str(path.relative_to(ROOT)): sorted(
            m for m in imported_modules(path) if m.split(".")[0] in OUTER
        )
        for path in (ROOT / "coach").rglob("*.py")
    }
    assert {k: v for k, v in offending.items() if v} == {}
