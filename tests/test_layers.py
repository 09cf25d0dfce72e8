"""The package's layers import only downward: cli/render → use cases → rules → io → sheets → model."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "cchc_excel"
# Lower number = lower layer; a module may import only from its own layer or below.
LAYERS = {"model": 0, "sheets": 1, "io": 2, "rules": 3, "use case": 4, "render": 5, "cli": 6}
USE_CASES = {"validate", "merge", "merge_read", "merge_result", "split", "status", "report", "frames"}


def layer_of(module: str) -> str:
    """'model.plan' → 'model'; 'merge' → 'use case'; '' (the package itself) → 'cli' (it exports everything)."""
    head = module.split(".")[0]
    if head in ("model", "sheets", "io", "rules"):
        return head
    if head in USE_CASES:
        return "use case"
    if head in ("render", "cli", "__main__"):
        return "render" if head == "render" else "cli"
    return "cli"


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported module relative to the package) of every relative import in a module."""
    here = path.relative_to(PACKAGE).with_suffix("").parts
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(here[:len(here) - node.level])
            target = ".".join(base + ([node.module] if node.module else []))
            names = [target] if node.module else [".".join(base + [a.name]) for a in node.names]
            found.extend((node.lineno, name) for name in names)
    return found


def test_no_module_imports_upward():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        if module == "__init__":
            continue
        mine = LAYERS[layer_of(module)]
        for line, target in imports(path):
            if target in ("", "__init__") or target.startswith("__init__"):
                continue  # __version__ only
            if LAYERS[layer_of(target)] > mine:
                upward.append(f"{path.relative_to(PACKAGE)}:{line} imports {target}")
    assert upward == []


def test_the_model_imports_nothing_else_of_the_package():
    for path in (PACKAGE / "model").glob("*.py"):
        assert all(layer_of(target) == "model" for _, target in imports(path)), path


def test_the_check_sees_an_upward_import(tmp_path):
    assert LAYERS[layer_of("merge")] > LAYERS[layer_of("io.reader")]
    assert layer_of("sheets.shared") == "sheets" and layer_of("render") == "render"
