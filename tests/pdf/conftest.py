"""Shared by the PDF tests: a Nookat training with five people (one with the longest name form),
three sessions and their attendance, and readers of the PDFs written."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from ..conftest import LONG, NAMES, SESSIONS  # type: ignore[import-not-found]  # noqa: F401 - the PDF tests import them from here


@pytest.fixture
def training(nookat_training: str) -> str:
    """tests/conftest.py's Nookat training (NAMES, LONG, SESSIONS there)."""
    return nookat_training


def text_of(path: Path) -> list[str]:
    """The text of each page (no-break spaces as plain spaces)."""
    return [page.extract_text().replace("\u00a0", " ") for page in PdfReader(str(path)).pages]


def qpdf_ok(path: Path) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    res = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
