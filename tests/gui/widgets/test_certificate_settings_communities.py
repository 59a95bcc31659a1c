"""Headquarters edits certificate settings per community in Settings; an office sees that
headquarters set them."""

from __future__ import annotations

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.pages.settings import SettingsPage
from strive_desktop.gui.widgets.certificate_settings import CertificateSettingsWidget
from strive_desktop.services import branding, certificates
from strive_desktop.storage.seed import community_id

KOCHKOR, NOOKAT = community_id("kochkor"), community_id("nookat")


def test_headquarters_sets_kochkors_signers_apart_from_the_default(qtbot, hq_store, tmp_path):
    ctx = AppContext(hq_store, "ru")
    w = CertificateSettingsWidget(ctx)
    qtbot.addWidget(w)
    assert w.community.itemData(0) is None and w.community.count() == 10  # default + 9 communities
    w.names[0].setText("Айбек Осмонов")
    assert w.save()
    w.community.setCurrentIndex(w.community.findData(KOCHKOR))
    assert w.names[0].text() == "Айбек Осмонов"  # Kochkor has none of its own yet: the default shown
    assert "Кочкор" in w.origin.text() and w.use_default.isHidden()
    w.names[0].setText("Бакыт Асанов")
    w.titles_ru[0].setText("Глава Кочкорского айыл окмоту")
    w.community.setCurrentIndex(w.community.findData(NOOKAT))  # leaving the community saves what was typed
    assert w.names[0].text() == "Айбек Осмонов"
    assert certificates.get_certificate_settings(hq_store, KOCHKOR).signatories[0] == certificates.Signatory(
        "Бакыт Асанов", "", "Глава Кочкорского айыл окмоту")
    assert certificates.get_certificate_settings(hq_store).signatories[0].name == "Айбек Осмонов"
    w.community.setCurrentIndex(w.community.findData(KOCHKOR))
    assert w.names[0].text() == "Бакыт Асанов" and not w.use_default.isHidden()
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.certificate_settings.community.setCurrentIndex(page.certificate_settings.community.findData(KOCHKOR))
    page.grab().save(str(tmp_path / "settings-certificates-hq-ru.png"))
    w.use_default.click()
    assert not certificates.community_look(hq_store, KOCHKOR).own and w.names[0].text() == "Айбек Осмонов"


def test_an_office_sees_that_headquarters_set_its_certificate_settings(qtbot, store, hq_store):
    ctx = AppContext(store, "ky")
    w = CertificateSettingsWidget(ctx)
    qtbot.addWidget(w)
    assert w.origin.isHidden() and w.community.isHidden()
    certificates.save_certificate_settings(hq_store, certificates.CertificateSettings(
        (certificates.Signatory("Айбек Осмонов", "Башчы"), certificates.Signatory())), community_id=NOOKAT)
    branding.apply_community_settings(store, branding.community_settings(hq_store, NOOKAT))
    w.load()
    assert not w.origin.isHidden() and w.names[0].text() == "Айбек Осмонов"
    told = w.origin.text()
    w.names[0].setText("Чолпон Абдиева")
    assert w.save()
    w.load()
    assert w.origin.text() != told  # "changed here since"
