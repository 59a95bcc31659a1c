"""`certificates` with no signer or no logo set: a warning on stderr and the print goes on (a
batch is not stopped), or refused with --require-signer; in the interface language (--lang)."""

from __future__ import annotations

import datetime as dt

from strive_desktop import cli
from strive_desktop.services import certificates, rosters, trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


def _training(store) -> str:  # type: ignore[no-untyped-def]
    pid = rosters.add_person(store, rosters.PersonInput(full_name="Айнура Ңу", sex="f", sector="youth",
                                                        community_id=NOOKAT)).person_id
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="conflict_analysis", title="Жаңжалдарды талдоо",
        sessions=[trainings.SessionInput(dt.date(2026, 5, 4), 4)]))
    trainings.record_attendance(store, trainings.get_training(store, tid).sessions[0].id, pid, True)
    return tid


def _run(data_dir, capsys, *args):  # type: ignore[no-untyped-def]
    code = cli.main(["--data-dir", str(data_dir), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_no_signer_or_logo_warns_and_prints_and_require_signer_refuses(store, data_dir, tmp_path, capsys):
    tid = _training(store)
    store.close()
    out = tmp_path / "c.pdf"
    code, stdout, err = _run(data_dir, capsys, "certificates", "--training", tid, "--out", str(out))
    assert code == 0 and out.is_file() and "written to" in stdout
    assert "warning: No signer is set" in err and "warning: No logo is set" in err
    out.unlink()
    code, _stdout, err = _run(data_dir, capsys, "certificates", "--training", tid, "--out", str(out),
                              "--require-signer")
    assert code != 0 and not out.exists() and "error: No signer is set" in err


def test_with_a_signer_only_the_logo_is_warned_about_in_the_interface_language(store, data_dir, tmp_path, capsys):
    tid = _training(store)
    certificates.save_certificate_settings(store, certificates.CertificateSettings(
        (certificates.Signatory("Өмүрбек Түлөгөнов", "Башчы"), certificates.Signatory())))
    store.close()
    out = tmp_path / "c.pdf"
    code, _stdout, err = _run(data_dir, capsys, "--lang", "ru", "certificates", "--training", tid, "--out",
                              str(out), "--require-signer")
    assert code == 0 and out.is_file()
    assert err.count("\n") == 1 and "логотип" in err.lower() and "No logo" not in err
