"""Pure core, Streamlit at the edges: corridor/, layers/ and present/ never import Streamlit.

Read with ``ast`` (nothing is imported), so a lazy ``import streamlit`` inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PURE_PACKAGES = ("corridor", "layers", "present", "export")
FORBIDDEN = ("streamlit", "streamlit_folium")


def _called_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    if isinstance(node.func, ast.Name):
        return node.func.id
    return None


def imported_modules(source: str) -> set[str]:
    """Every module an import statement (or importlib/__import__ call) in ``source`` names.

    Relative imports (``from . import x``) name no top-level module and are left out.
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and _called_name(node) in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


def forbidden_imports(source: str) -> set[str]:
    """The imports of ``source`` that pull in Streamlit."""
    return {m for m in imported_modules(source) if m.split(".")[0] in FORBIDDEN}


def pure_modules() -> list[Path]:
    return sorted(p for package in PURE_PACKAGES for p in (ROOT / package).rglob("*.py"))


@pytest.mark.parametrize(
    "source",
    [
        "import streamlit as st",
        "import streamlit.components.v1",
        "from streamlit import session_state",
        "from streamlit_folium import st_folium",
        "import os, streamlit",
        "def f():\n    import streamlit\n",
        "import importlib\nimportlib.import_module('streamlit')",
        "__import__('streamlit')",
    ],
)
def test_the_checker_sees_every_form_of_import(source: str) -> None:
    assert forbidden_imports(source)


@pytest.mark.parametrize(
    "source",
    ["import folium", "from corridor.records import Dataset", "from . import streamlit", "x = 'import streamlit'"],
)
def test_the_checker_ignores_what_is_not_a_streamlit_import(source: str) -> None:
    assert not forbidden_imports(source)


def test_every_pure_package_has_modules() -> None:
    found = {p.relative_to(ROOT).parts[0] for p in pure_modules()}
    assert found == set(PURE_PACKAGES)
    assert len(pure_modules()) >= 20


@pytest.mark.parametrize("path", pure_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_pure_module_does_not_import_streamlit(path: Path) -> None:
    assert forbidden_imports(path.read_text(encoding="utf-8")) == set(), f"{path.relative_to(ROOT)} imports Streamlit"


def test_pure_packages_import_only_each_other_never_ui_or_pages() -> None:
    offenders = {}
    for path in pure_modules():
        bad = {
            m
            for m in imported_modules(path.read_text(encoding="utf-8"))
            if m.split(".")[0] in ("ui", "pages", "dashboard")
        }
        if bad:
            offenders[str(path.relative_to(ROOT))] = bad
    assert offenders == {}
