"""Where Debian's Chromium is, for image and browser tests: skip without it, but fail in CI."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("HUMSTAT_TEST_CHROMIUM", "/usr/bin/chromium")


def require_chromium() -> str:
    """The Chromium path, or skip (fail when CI=true: 'make test' installs it)."""
    path = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if path:
        return path
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("Chromium is missing in CI: 'make test' must install it (make browser)")
    pytest.skip("Chromium is not installed (apt-get install chromium chromium-driver, or 'make browser')")
