"""Tests of pdf."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from strive_desktop import cli
from strive_desktop.services import (
    certificates,
)
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


def _verify_cli(data_dir, capsys, *args):  # type: ignore[no-untyped-def]
    code = cli.main(["--data-dir", str(data_dir), *args])
    out = capsys.readouterr()
    return code, out.out.strip(), out.err.strip()


@pytest.mark.parametrize("lang, community", [("ru", "Ноокат"), ("en", "Nookat")])
def test_verify_certificate_names_the_community_in_the_interface_language(
        store, training, data_dir, capsys, lang, community):  # type: ignore[no-untyped-def]
    rec = certificates.issue_certificates(store, training)[0]
    store.close()
    code, out, _ = _verify_cli(data_dir, capsys, "--lang", lang, "verify-certificate", rec.serial,
                               rec.verification_code)
    assert code == 0
    assert rec.serial in out and rec.full_name in out and community in out


def test_verify_certificate_success_line_goes_through_the_translator(
        store, training, data_dir, capsys, monkeypatch):  # type: ignore[no-untyped-def]
    rec = certificates.issue_certificates(store, training)[0]
    store.close()
    asked: list[str] = []

    def fake_translator(lang, _data_dir):  # type: ignore[no-untyped-def]
        asked.append(lang)
        return lambda _ctx, text: ("ЖАРАКТУУ " + text) if text.startswith("Certificate {serial} is genuine") \
            else text

    monkeypatch.setattr(cli, "message_translator", fake_translator)
    code, out, _ = _verify_cli(data_dir, capsys, "--lang", "ky", "verify-certificate", rec.serial,
                               rec.verification_code)
    assert code == 0 and asked[0] == "ky"
    assert out.startswith("ЖАРАКТУУ Certificate " + rec.serial) and "Ноокат" in out


ROOT = Path(__file__).resolve().parents[2]


def text_of(path: Path) -> list[str]:
    """The text of each page (no-break spaces as plain spaces)."""
    return [page.extract_text().replace("\u00a0", " ") for page in PdfReader(str(path)).pages]


def qpdf_ok(path: Path) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    res = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def run_cli(*args: str) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_cli_four_commands_on_a_demo_folder(tmp_path):
    d = str(tmp_path / "d")
    assert run_cli("--data-dir", d, "demo").returncode == 0
    dump = json.loads(run_cli("--data-dir", d, "dump").stdout)
    tid = dump["trainings"][0]["id"]
    pid = dump["local_plans"][0]["id"]
    outs = tmp_path / "out"
    cmds = [
        ("certificates", "--training", tid, "--out", str(outs / "c.pdf"), "--lang", "ru",
         "--per-person", str(outs / "each")),
        ("attendance-sheet", "--training", tid, "--out", str(outs / "a.pdf")),
        ("plan-pdf", "--plan", pid, "--out", str(outs / "p.pdf")),
        ("summary", "--out", str(outs / "s.pdf"), "--from", "2021-01-01", "--to", "2022-12-31",
         "--community", "Nookat"),
    ]
    for cmd in cmds:
        res = run_cli("--data-dir", d, *cmd)
        assert res.returncode == 0, res.stderr
        assert "written to" in res.stdout
    for name in ("c", "a", "p", "s"):
        qpdf_ok(outs / f"{name}.pdf")
    each = list((outs / "each").glob("*.pdf"))
    assert len(each) == len(PdfReader(str(outs / "c.pdf")).pages) > 0
    # printing again keeps the serials
    before = json.loads(run_cli("--data-dir", d, "dump").stdout)["certificates"]
    assert run_cli("--data-dir", d, *cmds[0]).returncode == 0
    after = json.loads(run_cli("--data-dir", d, "dump").stdout)["certificates"]
    assert sorted(c["serial"] for c in before) == sorted(c["serial"] for c in after)
    assert "Nookat" in "\n".join(text_of(outs / "s.pdf"))
    cert = after[0]
    ok = run_cli("--data-dir", d, "verify-certificate", cert["serial"], cert["verification_code"])
    assert ok.returncode == 0 and f"Certificate {cert['serial']} is genuine" in ok.stdout
    forged = run_cli("--data-dir", d, "verify-certificate", cert["serial"], "AAAAAAAAAA")
    assert forged.returncode == 1 and "not genuine" in forged.stderr
    bad = run_cli("--data-dir", d, "certificates", "--training", "nope", "--out", str(outs / "x.pdf"))
    assert bad.returncode == 1
    assert bad.stderr.strip() == "error: The training was not found; it may have been deleted."
    assert not (outs / "x.pdf").exists()
