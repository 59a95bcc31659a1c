"""Check a printed certificate against the register: serial + verification code -> a plain answer."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...errors import NotFound, UserError
from ...formatting import fmt_date, fmt_period
from ...services import certificate_signing, certificates, installation
from .. import theme
from ..context import AppContext, user_text
from ..widgets import file_dialogs

OK_STYLE = theme.box_style("verifyResult", theme.GOOD_BOX_BG, theme.GOOD_BOX_BORDER)
BAD_STYLE = theme.box_style("verifyResult", theme.BAD_BOX_BG, theme.BAD_BOX_BORDER)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class VerifyCertificateDialog(QDialog):
    """Serial and code as printed on the certificate; Check shows whether it is genuine."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, serial: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Check a certificate"))
        self.resize(560, 360)
        v = QVBoxLayout(self)
        intro = QLabel(self.tr("Type the serial number and the verification code printed on the certificate "
                               "(under its QR code), paste the text a scanner app read from the QR code, or "
                               "open a photo or scan of the QR code."), self)
        intro.setWordWrap(True)
        v.addWidget(intro)
        form = QFormLayout()
        self.serial = QLineEdit(serial, self)
        self.serial.setPlaceholderText("NOO-2026-3FA2C1-0007")
        self.code = QLineEdit(self)
        self.code.setPlaceholderText("ABCD23EFGH")
        form.addRow(self.tr("&Serial number:"), self.serial)
        form.addRow(self.tr("Verification c&ode:"), self.code)
        self.qr = QLineEdit(self)
        self.qr.setPlaceholderText("SC2:NOO-2026-3FA2C1-0007:…")
        form.addRow(self.tr("or QR code te&xt:"), self.qr)
        v.addLayout(form)
        v.addWidget(self._facts_box())
        self.result = QLabel(self)
        self.result.setObjectName("verifyResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.result.setContentsMargins(10, 8, 10, 8)
        self.result.setFrameShape(QFrame.Shape.NoFrame)
        self.result.hide()
        v.addWidget(self.result)
        v.addStretch(1)
        buttons = QDialogButtonBox(self)
        self.check_button = buttons.addButton(self.tr("C&heck"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        self.image_button = buttons.addButton(self.tr("From a &photo or scan…"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.image_button.clicked.connect(self.choose_image)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        v.addWidget(buttons)
        self.valid: bool | None = None  # the last answer: True genuine, False not, None not checked

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(QDate.currentDate(), self)
        edit.setDisplayFormat("dd.MM.yyyy")
        edit.setCalendarPopup(True)
        edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        return edit

    def _hours_edit(self) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setRange(0, 10000)
        box.setDecimals(1)
        box.setSingleStep(0.5)
        return box

    def _facts_box(self) -> QGroupBox:
        """The facts as printed, for a certificate of another office (not in this register): shown
        only when such a certificate's QR code is checked."""
        box = self.facts_box = QGroupBox(self.tr("Facts printed on the certificate"), self)
        form = QFormLayout(box)
        note = QLabel(self.tr("This certificate was issued by another office, so it is not in this register. "
                              "Type what is printed on it; the signature in the QR code shows whether it is "
                              "genuine."), box)
        note.setWordWrap(True)
        form.addRow(note)
        self.fact_name, self.fact_title = QLineEdit(box), QLineEdit(box)
        form.addRow(self.tr("Full &name:"), self.fact_name)
        form.addRow(self.tr("&Training:"), self.fact_title)
        self.fact_start, self.fact_end = self._date_edit(), self._date_edit()
        days = QHBoxLayout()
        days.addWidget(self.fact_start)
        days.addWidget(QLabel("–", box))
        days.addWidget(self.fact_end)
        days.addStretch(1)
        form.addRow(self.tr("Dates:"), days)
        self.fact_hours, self.fact_total = self._hours_edit(), self._hours_edit()
        hours = QHBoxLayout()
        hours.addWidget(self.fact_hours)
        hours.addWidget(QLabel("/", box))
        hours.addWidget(self.fact_total)
        hours.addStretch(1)
        form.addRow(self.tr("Hours attended / of the training:"), hours)
        self.fact_community = QComboBox(box)
        for c in self.ctx.call(self, installation.list_communities, self.ctx.store) or []:
            self.fact_community.addItem(self.ctx.community_name(c), c.code)
        form.addRow(self.tr("Co&mmunity:"), self.fact_community)
        self.fact_issued = self._date_edit()
        form.addRow(self.tr("&Issued on:"), self.fact_issued)
        box.hide()
        return box

    def printed_facts(self) -> certificate_signing.PrintedFacts | None:
        if self.facts_box.isHidden() or not self.fact_name.text().strip():
            return None
        return certificate_signing.PrintedFacts(
            self.fact_name.text(), self.fact_title.text(), self.fact_start.date().toPython(),
            self.fact_end.date().toPython(), self.fact_hours.value(), self.fact_total.value(),
            str(self.fact_community.currentData()), self.fact_issued.date().toPython())

    def _needs_facts(self, text: str) -> bool:
        """Whether the QR code is a signed certificate that is not in this register."""
        try:
            content = certificate_signing.parse_qr(text)
            if content.signature:
                certificates.lookup(self.ctx.store, content.serial)
        except NotFound:
            return True
        except UserError:
            return False
        return False

    def accept(self) -> None:  # Enter checks; it does not close the dialog
        self.check()

    def choose_image(self) -> None:
        path = file_dialogs.open_file_name(self, self.tr("Photo or scan of the QR code"), "images",
                                           self.tr("Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff)"))
        if path:
            self.check_image(path)

    def check_image(self, path: str) -> bool | None:
        """Read the QR code in a photo or scan and check it."""
        try:
            text = certificate_signing.read_qr_image(path)
        except UserError as exc:
            self._show(False, self.tr("No certificate code found"), user_text(exc))
            self.valid = None
            return None
        self.qr.setText(text)
        self.qr.setCursorPosition(0)
        return self.check()

    def _check_qr(self, text: str) -> bool | None:
        needs_facts = self._needs_facts(text)
        self.facts_box.setVisible(needs_facts)
        printed = self.printed_facts()
        try:
            found = certificate_signing.verify_qr(self.ctx.store, text, printed)
        except UserError as exc:
            serial = self._serial_of(text)
            revoked = serial in certificate_signing.revoked_by_hq(self.ctx.store)
            if needs_facts and printed is None and not revoked:
                self._show(False, self.tr("Another office's certificate"),
                           self.tr("Type the facts printed on the certificate below, then press Check."))
                self.fact_name.setFocus()
                self.valid = None
                return None
            self._show(False, self.tr("Revoked") if revoked else self.tr("Not genuine"), user_text(exc))
            self.valid = False
        except Exception as exc:  # noqa: BLE001 - shown plainly or apologised for
            self.ctx.show_error(self, exc)
            self.valid = None
            return None
        else:
            self._valid(found.record, found.signed_by)
        return self.valid

    @staticmethod
    def _serial_of(text: str) -> str:
        try:
            return certificate_signing.parse_qr(text).serial
        except UserError:
            return ""

    def check(self) -> bool | None:
        if self.qr.text().strip():
            return self._check_qr(self.qr.text())
        serial, code = self.serial.text().strip(), self.code.text().strip()
        if not serial or not code:
            self._show(False, self.tr("Type both the serial number and the verification code."))
            self.valid = None
            (self.serial if not serial else self.code).setFocus()
            return None
        try:
            rec = certificates.verify(self.ctx.store, serial, code)
        except NotFound as exc:
            self._show(False, self.tr("Not in the register"), user_text(exc))
            self.valid = False
        except UserError as exc:
            title = (self.tr("Revoked") if self._is_revoked(serial, code)
                     else self.tr("Not genuine"))
            self._show(False, title, user_text(exc))
            self.valid = False
        except Exception as exc:  # noqa: BLE001 - shown plainly or apologised for
            self.ctx.show_error(self, exc)
            self.valid = None
            return None
        else:
            self._valid(rec)
        return self.valid

    def _valid(self, rec: certificates.CertificateRecord, signed_by: str = "") -> None:
        rows = [
            (self.tr("Name"), rec.full_name),
            (self.tr("Training"), rec.training_title),
            (self.tr("Dates"), fmt_period(rec.start, rec.end, self.ctx.lang)),
            (self.tr("Hours attended"), f"{rec.hours_attended:g} / {rec.hours_total:g}"),
            (self.tr("Community"), self.ctx.community_name(rec.community)),
            (self.tr("Issued on"), fmt_date(rec.issued_on, self.ctx.lang)),
        ]
        if signed_by:
            rows.append((self.tr("Signed by"), signed_by))
        detail = "<table cellspacing='0' cellpadding='2'>" + "".join(
            f"<tr><td><b>{_html(k)}:</b>&nbsp;</td><td>{_html(v)}</td></tr>" for k, v in rows) + "</table>"
        self._show(True, self.tr("Valid: certificate {serial} is genuine.").format(serial=rec.serial),
                   detail=detail)
        self.valid = True

    def _is_revoked(self, serial: str, code: str) -> bool:
        try:
            rec = certificates.lookup(self.ctx.store, serial)
        except UserError:
            return False
        return rec.revoked and rec.verification_code == code.strip().upper().replace(" ", "")

    def _show(self, ok: bool, title: str, text: str = "", detail: str = "") -> None:
        self.result.setStyleSheet(OK_STYLE if ok else BAD_STYLE)
        body = f"<p style='font-size:large'><b>{_html(title)}</b></p>"
        if text:
            body += f"<p>{_html(text)}</p>"
        self.result.setText(body + detail)
        self.result.show()
