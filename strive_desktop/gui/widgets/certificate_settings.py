"""Settings for certificates: two signatories (name and title), an extra line, optional logos (top left, centre, right).

Titles and the extra line are typed in Kyrgyz (or the office's own wording), with optional Russian
and English versions, so each certificate is printed in its own language throughout.

Saved as soon as a field is left (no separate Save button); logos are copied into the data
folder so they travel with it.

Headquarters keeps one set per community: a chooser picks "All communities (default)" or a
community; a community with no set of its own uses the default, and the first change made for it
gives it its own (sent to its office with the next return package). At an office a note says when
headquarters last set them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...formatting import fmt_date
from ...services import branding, certificates, installation
from .. import theme
from . import file_dialogs

if TYPE_CHECKING:  # a shared widget does not import the context it is given
    from ..context import AppContext


class _LogoPicker(QWidget):
    def __init__(self, owner: CertificateSettingsWidget, caption: str) -> None:
        super().__init__(owner)
        self.owner = owner
        self.name = ""
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(QLabel(caption, self))
        self.image = QLabel(self)
        self.image.setFixedSize(150, 70)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setStyleSheet(theme.PICTURE_SLOT_STYLE)
        v.addWidget(self.image)
        row = QHBoxLayout()
        self.choose = QPushButton(self.tr("Choose…"), self)
        self.choose.clicked.connect(self.choose_file)
        self.remove = QPushButton(self.tr("Remove"), self)
        self.remove.clicked.connect(lambda: self.set_logo(""))
        row.addWidget(self.choose)
        row.addWidget(self.remove)
        row.addStretch(1)
        v.addLayout(row)

    def show_logo(self, name: str) -> None:
        self.name = name
        path = certificates.logo_path(self.owner.ctx.store, name)
        if path is None:
            self.image.setPixmap(QPixmap())
            self.image.setText(self.tr("no logo"))
        else:
            image = certificates.logo_image(self.owner.ctx.store, name)  # decrypted
            pix = QPixmap()
            pix.loadFromData(image.getvalue() if image is not None else b"")
            self.image.setPixmap(pix.scaled(self.image.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation))
        self.remove.setEnabled(path is not None)

    def choose_file(self) -> None:
        path = file_dialogs.open_file_name(self, self.tr("Logo for certificates"), "images",
                                           self.tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        name = self.owner.ctx.call(self, certificates.import_logo, self.owner.ctx.store, path)
        if name:
            self.set_logo(name)
        return bool(name)

    def set_logo(self, name: str) -> None:
        self.show_logo(name)
        self.owner.save()


class CertificateSettingsWidget(QWidget):
    """Signatories and logos printed on every certificate."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.community_id: str | None = None  # headquarters: the community whose set is shown; None = default
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.community = QComboBox(self)
        self.use_default = QPushButton(self.tr("Use the settings for all communities"), self)
        self.use_default.clicked.connect(self.clear_community)
        self.origin = QLabel(self)  # whose settings these are (headquarters: the community's or the default)
        self.origin.setWordWrap(True)
        self.origin.setStyleSheet(theme.text_style(theme.MUTED))
        if ctx.is_hq:
            chooser = QHBoxLayout()
            chooser.addWidget(QLabel(self.tr("Certificates of:"), self))
            self.community.addItem(self.tr("All communities (default)"), None)
            for c in self.ctx.call(self, installation.list_communities, ctx.store) or []:
                self.community.addItem(c.name(ctx.lang), c.id)
            self.community.currentIndexChanged.connect(self._community_chosen)
            chooser.addWidget(self.community)
            chooser.addWidget(self.use_default)
            chooser.addStretch(1)
            outer.addLayout(chooser)
        else:
            self.community.hide()
            self.use_default.hide()
        outer.addWidget(self.origin)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.addWidget(QLabel(self.tr("Name"), self), 0, 1)
        grid.addWidget(QLabel(self.tr("Title (printed under the name)"), self), 0, 2)
        grid.addWidget(QLabel(self.tr("Title in Russian"), self), 0, 3)
        grid.addWidget(QLabel(self.tr("Title in English"), self), 0, 4)
        self.names: list[QLineEdit] = []
        self.titles: list[QLineEdit] = []
        self.titles_ru: list[QLineEdit] = []
        self.titles_en: list[QLineEdit] = []
        for i in range(2):
            grid.addWidget(QLabel(self.tr("Signatory {n}:").format(n=i + 1), self), i + 1, 0)
            name, title, title_ru, title_en = (QLineEdit(self) for _ in range(4))
            name.setPlaceholderText(self.tr("e.g. Өмүрбек Түлөгөнов"))
            # the examples are in the language of their column, whatever the window's language
            for w, example in ((title, "Айыл өкмөтүнүн башчысы"), (title_ru, "Глава айыл окмоту"),
                               (title_en, "Head of the aiyl okmotu")):
                w.setPlaceholderText(self.tr("e.g. {example}").format(example=example))
            for col, w in enumerate((name, title, title_ru, title_en), start=1):
                w.setMaxLength(200)
                w.editingFinished.connect(self.save)
                grid.addWidget(w, i + 1, col)
            self.names.append(name)
            self.titles.append(title)
            self.titles_ru.append(title_ru)
            self.titles_en.append(title_en)
        for col in range(1, 5):
            grid.setColumnStretch(col, 1)
        outer.addLayout(grid)
        note = QLabel(self.tr("Each certificate is printed in its language: where no Russian or English title "
                              "is given, the first title is used, but Cyrillic never goes on an English "
                              "certificate."), self)
        note.setWordWrap(True)
        note.setStyleSheet(theme.text_style(theme.MUTED))
        outer.addWidget(note)
        form = QFormLayout()
        self.issuer, self.issuer_ru, self.issuer_en = (QLineEdit(self) for _ in range(3))
        for w in (self.issuer, self.issuer_ru, self.issuer_en):
            w.setMaxLength(200)
            w.editingFinished.connect(self.save)
        self.issuer.setPlaceholderText(self.tr("optional, e.g. the implementing partner"))
        form.addRow(self.tr("Extra line under the programme name:"), self.issuer)
        form.addRow(self.tr("The same in Russian:"), self.issuer_ru)
        form.addRow(self.tr("The same in English:"), self.issuer_en)
        outer.addLayout(form)
        logos = QHBoxLayout()
        self.logo_left = _LogoPicker(self, self.tr("Logo, top left"))
        self.logo_centre = _LogoPicker(self, self.tr("Logo, top centre"))
        self.logo_right = _LogoPicker(self, self.tr("Logo, top right"))
        logos.addWidget(self.logo_left)
        logos.addSpacing(24)
        logos.addWidget(self.logo_centre)
        logos.addSpacing(24)
        logos.addWidget(self.logo_right)
        logos.addStretch(1)
        outer.addLayout(logos)
        self.status = QLabel(self)
        self.status.setStyleSheet(theme.text_style(theme.MUTED))
        outer.addWidget(self.status)
        self._loading = False
        self.load()

    def _community_chosen(self) -> None:
        self.save()  # a field still being edited belongs to the set it was typed in
        self.community_id = self.community.currentData()
        self.load()

    def clear_community(self) -> None:
        """Headquarters: the chosen community's certificates use the settings for all communities again."""
        if self.community_id and self.ctx.call(self, certificates.clear_community_settings, self.ctx.store,
                                               self.community_id) is not None:
            self.load()
            self.status.setText(self.tr("{community} uses the settings for all communities again.")
                                .format(community=self.community.currentText()))

    def _show_origin(self) -> None:
        lang = self.ctx.lang
        if not self.ctx.is_hq:
            got = self.ctx.call(self, branding.set_by_headquarters, self.ctx.store)
            if got is None:
                self.origin.hide()
                return
            text = (self.tr("Set by headquarters on {date}; changed here since. Headquarters' next change "
                            "replaces them.") if got.changed_here else
                    self.tr("Set by headquarters on {date}. Changes made here stay until headquarters changes "
                            "them again."))
            self.origin.setText(text.format(date=fmt_date(got.at.date(), lang)))
            self.origin.show()
            return
        own = (self.ctx.call(self, certificates.community_look, self.ctx.store, self.community_id)
               if self.community_id else None)
        self.use_default.setVisible(bool(own and own.own))
        name = self.community.currentText()
        if self.community_id is None:
            text = self.tr("Used on the certificates of every community that has no settings of its own, and "
                           "sent to their offices.")
        elif own is not None and own.own:
            text = self.tr("{community} has settings of its own (changed on {date}); they are sent to its "
                           "office with the next return package.").format(
                community=name, date=fmt_date(own.set_at.date() if own.set_at else None, lang))
        else:
            text = self.tr("{community} uses the settings for all communities; a change made here gives it "
                           "settings of its own.").format(community=name)
        self.origin.setText(text)
        self.origin.show()

    def load(self) -> None:
        cfg = self.ctx.call(self, certificates.get_certificate_settings, self.ctx.store, self.community_id)
        self._show_origin()
        if cfg is None:
            return
        self._loading = True
        for i, sig in enumerate(cfg.signatories):
            self.names[i].setText(sig.name)
            self.titles[i].setText(sig.title)
            self.titles_ru[i].setText(sig.title_ru)
            self.titles_en[i].setText(sig.title_en)
        self.issuer.setText(cfg.issuer)
        self.issuer_ru.setText(cfg.issuer_ru)
        self.issuer_en.setText(cfg.issuer_en)
        self.logo_left.show_logo(cfg.logo_left)
        self.logo_right.show_logo(cfg.logo_right)
        self.logo_centre.show_logo(cfg.logo_centre)
        self._loading = False
        self._saved = self.current()

    def current(self) -> certificates.CertificateSettings:
        def clean(edit: QLineEdit) -> str:
            return " ".join(edit.text().split())

        sigs = tuple(certificates.Signatory(clean(n), clean(t), clean(r), clean(e))
                     for n, t, r, e in zip(self.names, self.titles, self.titles_ru, self.titles_en, strict=True))
        return certificates.CertificateSettings(sigs, self.logo_left.name, self.logo_right.name,  # type: ignore[arg-type]
                                                clean(self.issuer), self.logo_centre.name, clean(self.issuer_ru),
                                                clean(self.issuer_en))

    def save(self) -> bool:
        if self._loading:
            return False
        cfg = self.current()
        if cfg == self._saved:
            return False
        try:
            certificates.save_certificate_settings(self.ctx.store, cfg, community_id=self.community_id)
        except Exception as exc:  # noqa: BLE001 - shown plainly or apologised for
            self.ctx.show_error(self, exc)
            return False
        self._saved = cfg
        self.status.setText(self.tr("Certificate settings saved."))
        if self.community_id:
            self._show_origin()
        return True
