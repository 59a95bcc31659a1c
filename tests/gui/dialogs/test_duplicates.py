"""The duplicate warning says why, in the user's language, most likely person first."""

from __future__ import annotations

import pytest

from strive_desktop.gui.dialogs.duplicates import DuplicateDialog
from strive_desktop.services import installation, rosters
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


def test_the_warning_ranks_and_explains(qtbot, store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for name in ("Асамов Айбек", "Aibek Asanov"):
        rosters.add_person(store, rosters.PersonInput(name, "m", "lawyer", NOOKAT, 1985), allow_duplicate=True)
    matches = rosters.find_duplicates(store, "Асанов Айбек", 1985, sex="m")
    dlg = DuplicateDialog(matches)
    qtbot.addWidget(dlg)
    assert "the most likely first" in dlg.message.text()
    assert dlg.list.item(0).text().startswith("Aibek Asanov")
    assert "same name in other letters (Latin / Cyrillic), same birth year" in dlg.list.item(0).text()
    assert dlg.why.text() == "Why: same name in other letters (Latin / Cyrillic), same birth year."
    dlg.list.setCurrentRow(1)
    assert "name one letter apart" in dlg.why.text()
    dlg.resize(700, 300)
    dlg.show()
    assert dlg.grab().save(str(tmp_path / "duplicate_dialog.png"))


def test_the_reasons_are_translated(qtbot, store, language) -> None:  # type: ignore[no-untyped-def]
    rosters.add_person(store, rosters.PersonInput("Aibek Asanov", "m", "lawyer", NOOKAT, 1985), allow_duplicate=True)
    language("ru")
    dlg = DuplicateDialog(rosters.find_duplicates(store, "Асанов Айбек", 1985))
    qtbot.addWidget(dlg)
    assert dlg.why.text() == "Почему: то же ФИО другими буквами (латиница / кириллица), тот же год рождения."
    language("ky")
    dlg2 = DuplicateDialog(rosters.find_duplicates(store, "Асанов Айбек", 1985))
    qtbot.addWidget(dlg2)
    assert dlg2.why.text().startswith("Себеби: ошол эле аты-жөнү") and "туулган жыл" in dlg2.why.text()


KOCHKOR = community_id("kochkor")


@pytest.fixture
def kochkor(tmp_path) -> Store:  # type: ignore[no-untyped-def]
    st = open_store(tmp_path / "kochkor")
    installation.init_installation(st, name="Kochkor office", community=KOCHKOR, user_name="Aibek")
    group = rosters.create_group(st, KOCHKOR, "Кочкор консультативдик тобу")
    rosters.add_person(st, rosters.PersonInput(full_name="Асанова Гүлнара", sex="f", sector="women",
                                               community_id=KOCHKOR, birth_year=1985), group_id=group)
    yield st
    st.close()


def _warning(qtbot, store: Store, **entered: object) -> DuplicateDialog:  # type: ignore[no-untyped-def]
    res = rosters.add_person(store, rosters.PersonInput(full_name="Асанова Гүлнара", sex="f", sector="women",
                                                        community_id=KOCHKOR, **entered))  # type: ignore[arg-type]
    assert res.duplicates
    dlg = DuplicateDialog(res.duplicates, group_wanted=True, community_names={"Kochkor": "Кочкор"},
                          year_entered=entered.get("birth_year") is not None)
    qtbot.addWidget(dlg)
    return dlg


@pytest.mark.parametrize(("lang", "doubled", "member"), [
    ("ky", "тобу тобунун", "мүчөсү: Кочкор консультативдик тобу"),
    ("ru", "группы Кочкор консультативдик тобу", "состоит в: Кочкор консультативдик тобу"),
    ("en", "group group", "member of Кочкор консультативдик тобу"),
])


def test_the_group_is_named_once(qtbot, language, kochkor, lang, doubled, member):
    language(lang)
    text = _warning(qtbot, kochkor, birth_year=1985).message.text()
    assert doubled not in text and member in text


@pytest.mark.parametrize(("lang", "year_words"), [("en", "birth year"), ("ru", "годом рождения"),
                                                  ("ky", "туулган жылы бар")])


def test_no_birth_year_typed_means_no_same_birth_year(qtbot, language, kochkor, lang, year_words):
    language(lang)
    typed = _warning(qtbot, kochkor, birth_year=1985)
    assert year_words in typed.message.text()
    pin_only = _warning(qtbot, kochkor, pin="11203198500123")  # the PIN says 1985; no year typed
    assert year_words not in pin_only.message.text()
    assert "same birth year" not in pin_only.why.text()
    if lang == "en":
        assert pin_only.why.text() == ("Why: same name, born in the year the personal number (PIN) gives, "
                                       "same community.")
    nothing = _warning(qtbot, kochkor)
    assert year_words not in nothing.message.text() and "birth year" not in nothing.why.text()
