"""Every Python in requires-python gets a working .venv, and make says what to do about any other.

The lock check stands in for building .venv on each supported Python (the 3.13 one was built and
its tests run once by hand; CI has one Python): uv installs a package from a pure wheel or a
binary wheel for the very Python (or builds its sdist, which for numpy or spaCy needs compilers and
minutes), so a binary package without a wheel for 3.13 would break `make env` there.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.markers import Marker

from tests.conftest import ROOT

UV = ROOT / ".tools" / "bin" / "uv"


def _supported() -> tuple[str, list[int]]:
    spec = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    bounds = re.fullmatch(r">=3\.(\d+),<3\.(\d+)", spec)
    assert bounds, f"requires-python {spec!r}: the Makefile reads it as '>=3.X,<3.Y'"
    return spec, list(range(int(bounds[1]), int(bounds[2])))


def _tags(wheel: str) -> tuple[list[str], list[str], list[str]]:
    pythons, abis, platforms = (tag.split(".") for tag in wheel.removesuffix(".whl").split("-")[-3:])
    return pythons, abis, platforms


def _for_linux(wheel: str) -> bool:
    """Whether the wheel is for Linux x86_64 (glibc) or any platform."""
    return any(p == "any" or (p.startswith(("manylinux", "linux")) and p.endswith("x86_64")) for p in _tags(wheel)[2])


def _runs_on(wheel: str, minor: int) -> bool:
    """Whether the wheel `wheel` installs on CPython 3.`minor`, Linux x86_64 (glibc)."""
    pythons, abis, _ = _tags(wheel)
    if not _for_linux(wheel):
        return False
    if "py3" in pythons and "none" in abis:
        return True
    if f"cp3{minor}" in pythons and {f"cp3{minor}", "none"} & set(abis):
        return True
    stable = [int(p[3:]) for p in pythons if re.fullmatch(r"cp3\d+", p)]
    return "abi3" in abis and any(m <= minor for m in stable)


def _linux(minor: int) -> dict[str, str]:
    """The marker environment of CPython 3.`minor` on Linux x86_64."""
    return {"python_version": f"3.{minor}", "python_full_version": f"3.{minor}.0", "sys_platform": "linux",
            "platform_system": "Linux", "platform_machine": "x86_64", "os_name": "posix",
            "implementation_name": "cpython", "platform_python_implementation": "CPython", "extra": ""}


def _holds(marker: str, minor: int) -> bool:
    return not marker or Marker(marker).evaluate(_linux(minor))


def test_the_lock_installs_on_every_supported_python() -> None:
    spec, minors = _supported()
    assert 13 in minors, "Python 3.13 is supported (#18.8)"
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    assert lock["requires-python"].replace(" ", "") == spec, "uv.lock is stale: run uv lock"
    # Markers under which each package is needed, from every dependency list that names it.
    needed_under: dict[str, list[str]] = {}
    for package in lock["package"]:
        lists = [package.get("dependencies", [])]
        lists += list(package.get("optional-dependencies", {}).values())
        lists += list(package.get("dev-dependencies", {}).values())
        for dep in (d for deps in lists for d in deps):
            needed_under.setdefault(dep["name"], []).append(dep.get("marker", ""))
    missing, binary = [], set()
    for package in lock["package"]:
        wheels = [w["url"].rsplit("/", 1)[1] for w in package.get("wheels", [])]
        if not wheels:
            continue  # our own project, or a pure-Python sdist (docopt, libhxl) built on any Python
        # A binary package's sdist is no way out: building numpy or spaCy needs compilers and minutes.
        if not any(_tags(w)[2] == ["any"] for w in wheels):
            binary.add(package["name"])
        for minor in minors:
            # This version of the package is the one for 3.minor on Linux (numpy has one per Python range),
            # and something needs it there (pywin32 is for Windows only).
            if not any(_holds(m, minor) for m in package.get("resolution-markers", [""])):
                continue
            if not any(_holds(m, minor) for m in needed_under.get(package["name"], [""])):
                continue
            if not any(_runs_on(w, minor) for w in wheels):
                missing.append((package["name"], package["version"], f"3.{minor}"))
    assert {"duckdb", "duckdb-extension-fts", "pyarrow", "polars-runtime-32", "spacy", "thinc", "blis", "cymem",
            "preshed", "murmurhash", "srsly", "uvloop", "httptools", "numpy", "msgspec", "pydantic-core"} <= binary
    assert missing == []


def _make(tmp_path: Path, target: str, py: str, **env: str) -> subprocess.CompletedProcess:
    """`make target PY=py` in a copy of the Makefile and project metadata (never this checkout's .venv)."""
    assert UV.exists(), "make env builds .tools/bin/uv first"
    work = tmp_path / "project"
    if not work.exists():
        work.mkdir()
        for name in ("Makefile", "pyproject.toml", "uv.lock"):
            shutil.copy(ROOT / name, work / name)
        (work / ".tools" / "bin").mkdir(parents=True)
        (work / ".tools" / "bin" / "uv").symlink_to(UV)
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("UV_", "VIRTUAL_ENV", "MAKE"))}
    return subprocess.run(["make", "--no-print-directory", target, f"PY={py}"], cwd=work, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def _fake_python(tmp_path: Path, version: str) -> str:
    # Stands for a system python3 of another version: the Makefile only asks it for its version.
    path = tmp_path / f"python{version}"
    path.write_text(f"#!/bin/sh\necho {version}\n")
    path.chmod(0o755)
    return str(path)


def test_make_env_with_an_unsupported_python_and_none_to_fetch_says_what_to_do(tmp_path: Path) -> None:
    spec, minors = _supported()
    empty = tmp_path / "no-managed-pythons"
    empty.mkdir()
    done = _make(tmp_path, "env", _fake_python(tmp_path, "3.10.13"), UV_PYTHON_PREFERENCE="only-managed",
                 UV_PYTHON_INSTALL_DIR=str(empty), UV_PYTHON_DOWNLOADS="never")
    assert done.returncode != 0
    assert f"is Python 3.10.13; humstat needs Python {spec}" in done.stderr, done.stderr
    assert f"Install Python 3.{minors[0]} to 3.{minors[-1]}" in done.stderr
    assert "run 'make env PY=python3.13'" in done.stderr and "network access" in done.stderr
    assert not (tmp_path / "project" / ".venv").exists()


def test_make_lets_uv_pick_a_supported_python_when_py_is_not_one(tmp_path: Path) -> None:
    # A supported Python on PATH: the base interpreter of the one running this test.
    base = Path(sys.base_prefix) / "bin"
    done = _make(tmp_path, "python", _fake_python(tmp_path, "3.14.0"), UV_PYTHON_PREFERENCE="only-system",
                 PATH=f"{base}:{os.environ['PATH']}")
    assert done.returncode == 0, done.stderr
    assert "is Python 3.14.0; humstat needs Python" in done.stderr
    found = re.search(r"Using (\S+), found by uv\.", done.stderr)
    assert found, done.stderr
    version = subprocess.run([found[1], "-c", "import sys; print(sys.version_info[1])"], capture_output=True,
                             text=True, check=True).stdout
    assert int(version) in _supported()[1]


def test_make_uses_py_as_it_is_when_supported(tmp_path: Path) -> None:
    done = _make(tmp_path, "python", sys.executable)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
