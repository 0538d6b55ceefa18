"""The floors of the house: Streamlit only at the edges, every import runs down a floor, no loops.

Pure core, Streamlit at the edges: corridor/, layers/, present/, publish/ and export/ never import
Streamlit. Each package stands on a floor (``FLOORS``) and imports only from floors below it (and
from itself); no module imports itself through a loop of other modules. The live map (ui/mapwidget.py
and the Map page) reaches no folium, branca or jinja2, and no module imports streamlit-folium: the map
is drawn in the page by a v2 component; folium draws only the exported map (layers/mapview.py). Read
with ``ast`` (nothing is imported), so a lazy import inside a function counts too.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PURE_PACKAGES = ("corridor", "layers", "present", "publish", "export")
# From the ground up. A package imports only packages on lower floors; packages on one floor do
# not import each other. dashboard is the router module on the top floor.
FLOORS: tuple[tuple[str, ...], ...] = (
    ("corridor",),  # the domain: records, dates, loading, the time model, exports, text helpers
    ("layers",),  # one module per map layer, the base map and the per-step state
    ("present", "publish"),  # text and HTML for pages and exports; files written to static/
    ("export",),  # the briefing pack
    ("ui",),  # the Streamlit glue
    ("app_pages",),  # one script per page
    ("dashboard",),  # the router
)
FLOOR_OF = {package: level for level, packages in enumerate(FLOORS) for package in packages}
# Tools that stand beside the product: the product never imports them.
TOOLS = ("scripts", "benchmarks", "tests")
FORBIDDEN = ("streamlit", "streamlit_folium")  # Streamlit, and a Streamlit component package
# What the page's map once needed (a streamlit-folium iframe): the live map reaches none of them.
FOLIUM = ("streamlit_folium", "folium", "branca", "jinja2")
LIVE_MAP = ("ui.mapwidget", "app_pages.map")


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


def product_modules() -> dict[str, Path]:
    """Every module of the product by dotted name (``corridor.records``, ``app_pages.map``, ``dashboard``)."""
    found = {}
    for package in FLOOR_OF:
        single = ROOT / f"{package}.py"
        paths = [single] if single.exists() else sorted((ROOT / package).rglob("*.py"))
        for path in paths:
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def module_imports(source: str, known: set[str] | frozenset[str]) -> set[str]:
    """The modules of ``known`` that ``source`` imports (``from pkg import mod`` names ``pkg.mod``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            submodules = {f"{node.module}.{alias.name}" for alias in node.names} & set(known)
            found.update(submodules or ({node.module} & set(known)))
    return found


def floor_violations(importer: str, imported: set[str]) -> set[str]:
    """The imports of module ``importer`` that do not run down a floor (or stay in its own package)."""
    own = importer.split(".", maxsplit=1)[0]
    bad = set()
    for module in imported:
        top = module.split(".")[0]
        if top == own:
            continue
        if top in TOOLS or top not in FLOOR_OF or FLOOR_OF[top] >= FLOOR_OF[own]:
            bad.add(module)
    return bad


@functools.cache
def import_graph() -> dict[str, set[str]]:
    """Module -> the product modules it imports."""
    modules = product_modules()
    known = frozenset(modules)
    return {name: module_imports(path.read_text(encoding="utf-8"), known) - {name} for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of two or more nodes (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("corridor.exports", "layers.html"),  # the back-arrow this test was written after
        ("layers.step", "present.annotation"),
        ("present.annotation", "publish.static"),  # same floor
        ("export.pack", "ui.data"),
        ("ui.data", "app_pages.map"),
        ("app_pages.map", "dashboard"),
        ("corridor.loader", "scripts.build_region"),
        ("layers.step", "tests.conftest"),
    ],
)
def test_the_floor_check_sees_an_import_up_or_sideways(importer: str, imported: str) -> None:
    assert floor_violations(importer, {imported}) == {imported}


@pytest.mark.parametrize(
    ("importer", "imported"),
    [("layers.step", "corridor.records"), ("corridor.region", "corridor.records"), ("dashboard", "ui.keys")],
)
def test_the_floor_check_lets_an_import_down_or_within_a_package_pass(importer: str, imported: str) -> None:
    assert floor_violations(importer, {imported}) == set()


def test_the_import_reader_names_submodules_and_lazy_imports() -> None:
    known = {"corridor", "corridor.fields", "corridor.records", "layers.step"}
    source = "from corridor import fields\ndef f():\n    from corridor.records import Dataset\n    import layers.step\n"
    assert module_imports(source, known) == {"corridor.fields", "corridor.records", "layers.step"}


def test_the_cycle_finder_finds_a_loop_and_only_a_loop() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_every_floor_package_is_read() -> None:
    tops = {name.split(".")[0] for name in product_modules()}
    assert tops == set(FLOOR_OF)
    assert len([n for n in product_modules() if n.startswith("app_pages.")]) >= 5


@pytest.mark.parametrize("module", sorted(product_modules()))
def test_every_import_runs_down_a_floor(module: str) -> None:
    imported = import_graph()[module]
    assert floor_violations(module, imported) == set(), f"{module} imports from its own floor or above"


def test_no_module_imports_itself_through_a_loop() -> None:
    assert cycles(import_graph()) == []


def test_pages_do_not_import_each_other() -> None:
    graph = import_graph()
    assert {m: {i for i in graph[m] if i.startswith("app_pages.")} for m in graph if m.startswith("app_pages.")} == {
        m: set() for m in graph if m.startswith("app_pages.")
    }


def reached(graph: dict[str, set[str]], start: str) -> set[str]:
    """``start`` and every product module it imports, directly or through others."""
    seen = {start}
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), set()) - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


def outside_imports(modules: set[str], names: tuple[str, ...]) -> dict[str, set[str]]:
    """Module -> its imports (lazy ones too) of the top-level packages ``names``."""
    paths = product_modules()
    found = {m: imported_modules(paths[m].read_text(encoding="utf-8")) for m in modules}
    named = {m: {i for i in imports if i.split(".")[0] in names} for m, imports in found.items()}
    return {m: i for m, i in named.items() if i}


def test_the_reach_finder_follows_imports_through_other_modules() -> None:
    assert reached({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, "a") == {"a", "b", "c"}


def test_no_product_module_imports_streamlit_folium() -> None:
    assert outside_imports(set(product_modules()), ("streamlit_folium",)) == {}


@pytest.mark.parametrize("start", LIVE_MAP)
def test_the_live_map_reaches_no_folium(start: str) -> None:
    graph = import_graph()
    modules = reached(graph, start)
    assert "layers.mapview" not in modules, f"{start} reaches the exported map's folium code"
    assert outside_imports(modules, FOLIUM) == {}


def test_the_folium_check_sees_the_exported_map() -> None:
    modules = reached(import_graph(), "export.html")
    assert set(outside_imports(modules, FOLIUM)) == {"layers.mapview"}
