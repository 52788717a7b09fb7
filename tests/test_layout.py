"""The gateway never imports Rasa: it runs in its own Python environment."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_gateway_does_not_import_rasa():
    for path in (ROOT / "web").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] in ("rasa", "rasa_sdk") for n in names), path
