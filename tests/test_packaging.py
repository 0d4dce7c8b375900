"""The distribution: one `curate` namespace, light core, every package listed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PACKAGE_DIRS = PYPROJECT["tool"]["setuptools"]["package-dir"]


def _import_name(folder: Path) -> str:
    """Map a source folder to its import name through `package-dir`."""
    relative = folder.relative_to(ROOT)
    top, rest = relative.parts[0], relative.parts[1:]
    for name, directory in PACKAGE_DIRS.items():
        if directory == top:
            return ".".join([name, *rest])
    raise AssertionError(f"{top}/ is not mapped in [tool.setuptools.package-dir]")


def test_every_package_folder_is_listed() -> None:
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {
        _import_name(init.parent)
        for top in PACKAGE_DIRS.values()
        for init in (ROOT / top).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages"
    assert listed - found == set(), "these listed packages have no folder"


def test_the_distribution_has_a_name_of_its_own_and_every_hint_uses_it() -> None:
    """`curate` on the package index is an unrelated project: installing by that name
    would install it. The distribution is `curate-sft`; the command stays `curate`."""
    from curate import __version__

    project = PYPROJECT["project"]
    assert project["name"] == "curate-sft"
    assert project["scripts"] == {"curate": "curate.cli:main"}
    assert project["urls"] and project["keywords"] and project["classifiers"]
    assert __version__ == project["version"]
    hints = []
    for folder in PACKAGE_DIRS.values():
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            hints += [path.name for bad in ("'curate[", "/project/curate/") if bad in text]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert hints == [] and "'curate[" not in readme


def test_core_dependencies_pull_neither_torch_nor_textual() -> None:
    core = " ".join(PYPROJECT["project"]["dependencies"]).lower()
    for heavy in ("torch", "textual", "transformers", "peft"):
        assert heavy not in core
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert {"tui", "train", "all", "dev"} <= extras.keys()


def test_every_core_dependency_is_imported_and_none_ships_unused() -> None:
    """No dependency ships unused: each core requirement is imported by curate's code (the
    reference MinHash, datasketch, is the tests' and benchmarks' alone: a dev extra)."""
    import re

    import_names = {"detect-secrets": "detect_secrets", "markdown-it-py": "markdown_it"}
    code = "\n".join(
        path.read_text(encoding="utf-8")
        for folder in PACKAGE_DIRS.values()
        for path in (ROOT / folder).rglob("*.py")
    )
    imported = set(re.findall(r"^\s*(?:from|import) ([A-Za-z_][A-Za-z0-9_]*)", code, re.M))
    for requirement in PYPROJECT["project"]["dependencies"]:
        name = re.split(r"[<>=!~ ;\[]", requirement, maxsplit=1)[0]
        assert import_names.get(name, name.replace("-", "_")) in imported, name
    assert "datasketch" not in imported


def test_cli_and_readers_do_not_import_heavy_libraries() -> None:
    code = (
        "import sys; import curate.cli, curate.io, curate.stats, curate.tui, curate.trainer;"
        "import curate.judging, curate.preferences;"
        "heavy = [m for m in ('torch', 'transformers', 'peft', 'textual') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


@pytest.mark.slow
def test_wheel_installs_everything_under_curate(tmp_path: Path) -> None:
    # Build from a copy so that build/ and *.egg-info never land in the working tree.
    source = tmp_path / "src"
    source.mkdir()
    for item in ("pyproject.toml", "README.md", *PACKAGE_DIRS.values()):
        if (ROOT / item).is_dir():
            skip = shutil.ignore_patterns("__pycache__")
            shutil.copytree(ROOT / item, source / item, ignore=skip)
        elif (ROOT / item).exists():
            shutil.copy2(ROOT / item, source / item)
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=source,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-2000:]
    wheel = next(tmp_path.glob("curate_sft-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert tops == {"curate"}
    for module in ("curate/schemas/settings.py", "curate/tui/__init__.py", "curate/io/dataset.py"):
        assert module in names
    assert "curate/trainer/__init__.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "curate = curate.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA")))
    assert b"Name: curate-sft" in metadata and b"Project-URL: Homepage" in metadata
