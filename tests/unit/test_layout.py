"""The unit tests mirror the source tree: the tests of ``<package>/<module>.py`` are in
``tests/unit/test_<package>_<module>.py`` (tests/README.md).

A module with more tests than one file should hold adds ``test_<package>_<module>_<topic>.py``; a
file named without a package checks the whole tree (CROSS_CUTTING). A source module with no test
file at its mirrored path fails here, unless COVERED_ELSEWHERE names where its tests are and why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "tests" / "unit"
PACKAGES = ("corridor", "layers", "present", "publish", "export", "ui")
OTHER_PREFIXES = ("geo", "scripts")  # checks of the bundled data in geo/; the scripts in scripts/
CROSS_CUTTING = {
    "test_architecture.py",  # the floors and import loops
    "test_apprunner.py",  # tests/apprunner.py, the helper that starts the app
    "test_layout.py",  # this file
    "test_perf_guards.py",  # the mechanism that keeps the map fast, across layers/ and publish/
    "test_state_owner.py",  # pages ask ui/state.py and never touch session or URL state
    "test_streamlit_config.py",  # .streamlit/config.toml, which every page and the server read
}

# Modules whose tests are somewhere else, each with the file that holds them. Keep this short.
COVERED_ELSEWHERE = {
    # Streamlit parts that only draw widgets: tested through the page that draws them (AppTest).
    "ui/data_catalogue.py": "tests/apptest/test_data_page.py",
    "ui/display.py": "tests/apptest/test_map_page.py",
    "ui/timeline_chart.py": "tests/apptest/test_timeline_page.py",
    # The pack section: a button, a polling fragment and download buttons; the job it starts is
    # export/pack_job.py (tests/unit/test_export_pack_job.py), the page's flow is tested under AppTest.
    "ui/briefing_pack.py": "tests/apptest/test_briefing_page.py",
}


def source_modules() -> list[str]:
    """Every module of the source packages, as a path from the repository root."""
    return sorted(
        path.relative_to(ROOT).as_posix()
        for package in PACKAGES
        for path in (ROOT / package).glob("*.py")
        if path.name != "__init__.py"
    )


def mirrored(module: str) -> Path:
    """Where the tests of ``module`` belong: ``corridor/loader.py`` -> ``tests/unit/test_corridor_loader.py``."""
    package, name = module.removesuffix(".py").split("/")
    return UNIT / f"test_{package}_{name.strip('_')}.py"


def test_the_mirrored_path_is_the_package_and_module_name() -> None:
    assert mirrored("corridor/loader.py") == UNIT / "test_corridor_loader.py"
    assert mirrored("export/__main__.py") == UNIT / "test_export_main.py"


@pytest.mark.parametrize("module", source_modules())
def test_every_source_module_has_its_test_file(module: str) -> None:
    if module in COVERED_ELSEWHERE:
        assert not mirrored(module).exists(), f"{module} has {mirrored(module).name}: drop it from COVERED_ELSEWHERE"
        assert (ROOT / COVERED_ELSEWHERE[module]).is_file(), COVERED_ELSEWHERE[module]
        return
    assert mirrored(module).is_file(), f"{module}: its tests belong in tests/unit/{mirrored(module).name}"


def test_every_allowance_names_a_source_module() -> None:
    assert set(COVERED_ELSEWHERE) <= set(source_modules())


def test_every_unit_test_file_is_named_after_what_it_tests() -> None:
    prefixes = tuple(f"test_{p}_" for p in PACKAGES + OTHER_PREFIXES)
    misnamed = [
        path.name
        for path in UNIT.glob("test_*.py")
        if path.name not in CROSS_CUTTING and not path.name.startswith(prefixes)
    ]
    assert misnamed == [], "name each after the module it tests (test_<package>_<module>.py), see tests/README.md"


def test_every_topic_file_belongs_to_a_module() -> None:
    """``test_layers_events_clusters.py`` is a topic of layers/events.py: that module must exist."""
    modules = {mirrored(m).stem for m in source_modules()}
    orphans = [
        path.name
        for path in UNIT.glob("test_*.py")
        if path.name.startswith(tuple(f"test_{p}_" for p in PACKAGES))
        and not any(path.stem == stem or path.stem.startswith(stem + "_") for stem in modules)
    ]
    assert orphans == [], "a test file named after a module that does not exist (renamed or removed?)"
