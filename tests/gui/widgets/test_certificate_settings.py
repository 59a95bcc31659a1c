"""Settings: signers' titles and the extra line in Russian and English next to the typed ones."""

from __future__ import annotations

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.pages.settings import SettingsPage
from strive_desktop.gui.widgets.certificate_settings import CertificateSettingsWidget
from strive_desktop.services import certificates


def test_titles_in_each_language_are_saved_and_shown_again(qtbot, store, tmp_path):
    ctx = AppContext(store, "ky")
    w = CertificateSettingsWidget(ctx)
    qtbot.addWidget(w)
    w.names[0].setText("Өмүрбек Түлөгөнов")
    w.titles[0].setText("Айыл өкмөтүнүн башчысы")
    w.titles_ru[0].setText("Глава  айыл окмоту ")
    w.titles_en[0].setText("Head of the aiyl okmotu")
    w.issuer_en.setText("Public Foundation Yntymak")
    assert w.save()
    cfg = certificates.get_certificate_settings(store)
    assert cfg.signatories[0] == certificates.Signatory("Өмүрбек Түлөгөнов", "Айыл өкмөтүнүн башчысы",
                                                        "Глава айыл окмоту", "Head of the aiyl okmotu")
    assert cfg.issuer_en == "Public Foundation Yntymak"
    again = CertificateSettingsWidget(ctx)
    qtbot.addWidget(again)
    assert again.titles_ru[0].text() == "Глава айыл окмоту" and again.issuer_en.text() == "Public Foundation Yntymak"
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.tabs.setCurrentWidget(page.certificate_scroll)  # built when the tab is first shown
    signers = page.findChild(CertificateSettingsWidget)
    assert signers is not None
    page.grab().save(str(tmp_path / "settings-certificates-ky.png"))
    signers.grab().save(str(tmp_path / "settings-certificates-widget-ky.png"))
