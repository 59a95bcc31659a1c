# Generated from ui/person_dialog.ui by ui/build_forms.py (pyside6-uic). Do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'person_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_PersonDialog(object):
    def setupUi(self, PersonDialog):
        if not PersonDialog.objectName():
            PersonDialog.setObjectName(u"PersonDialog")
        PersonDialog.setMinimumSize(QSize(560, 0))
        self.mainLayout = QVBoxLayout(PersonDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.heading = QLabel(PersonDialog)
        self.heading.setObjectName(u"heading")
        self.heading.setWordWrap(True)

        self.mainLayout.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setVerticalSpacing(2)
        self.fullNameLabel = QLabel(PersonDialog)
        self.fullNameLabel.setObjectName(u"fullNameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.fullNameLabel)

        self.fullName = QLineEdit(PersonDialog)
        self.fullName.setObjectName(u"fullName")
        self.fullName.setMaxLength(200)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.fullName)

        self.fullNameError = QLabel(PersonDialog)
        self.fullNameError.setObjectName(u"fullNameError")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.fullNameError.sizePolicy().hasHeightForWidth())
        self.fullNameError.setSizePolicy(sizePolicy)
        self.fullNameError.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)
        self.fullNameError.setWordWrap(True)
        self.fullNameError.setVisible(False)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.fullNameError)

        self.sexLabel = QLabel(PersonDialog)
        self.sexLabel.setObjectName(u"sexLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.sexLabel)

        self.sex = QComboBox(PersonDialog)
        self.sex.setObjectName(u"sex")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.sex)

        self.sexError = QLabel(PersonDialog)
        self.sexError.setObjectName(u"sexError")
        sizePolicy.setHeightForWidth(self.sexError.sizePolicy().hasHeightForWidth())
        self.sexError.setSizePolicy(sizePolicy)
        self.sexError.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)
        self.sexError.setWordWrap(True)
        self.sexError.setVisible(False)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.sexError)

        self.birthYearLabel = QLabel(PersonDialog)
        self.birthYearLabel.setObjectName(u"birthYearLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.birthYearLabel)

        self.birthYear = QLineEdit(PersonDialog)
        self.birthYear.setObjectName(u"birthYear")
        self.birthYear.setMaxLength(4)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.birthYear)

        self.birthYearError = QLabel(PersonDialog)
        self.birthYearError.setObjectName(u"birthYearError")
        sizePolicy.setHeightForWidth(self.birthYearError.sizePolicy().hasHeightForWidth())
        self.birthYearError.setSizePolicy(sizePolicy)
        self.birthYearError.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)
        self.birthYearError.setWordWrap(True)
        self.birthYearError.setVisible(False)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.birthYearError)

        self.sectorLabel = QLabel(PersonDialog)
        self.sectorLabel.setObjectName(u"sectorLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.sectorLabel)

        self.sector = QComboBox(PersonDialog)
        self.sector.setObjectName(u"sector")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.sector)

        self.sectorError = QLabel(PersonDialog)
        self.sectorError.setObjectName(u"sectorError")
        sizePolicy.setHeightForWidth(self.sectorError.sizePolicy().hasHeightForWidth())
        self.sectorError.setSizePolicy(sizePolicy)
        self.sectorError.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)
        self.sectorError.setWordWrap(True)
        self.sectorError.setVisible(False)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.sectorError)

        self.roleLabel = QLabel(PersonDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.role = QComboBox(PersonDialog)
        self.role.setObjectName(u"role")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.role)

        self.roleError = QLabel(PersonDialog)
        self.roleError.setObjectName(u"roleError")
        sizePolicy.setHeightForWidth(self.roleError.sizePolicy().hasHeightForWidth())
        self.roleError.setSizePolicy(sizePolicy)
        self.roleError.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)
        self.roleError.setWordWrap(True)
        self.roleError.setVisible(False)

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.roleError)

        self.phoneLabel = QLabel(PersonDialog)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phone = QLineEdit(PersonDialog)
        self.phone.setObjectName(u"phone")
        self.phone.setMaxLength(20)

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.phone)

        self.phoneError = QLabel(PersonDialog)
        self.phoneError.setObjectName(u"phoneError")
        sizePolicy.setHeightForWidth(self.phoneError.sizePolicy().hasHeightForWidth())
        self.phoneError.setSizePolicy(sizePolicy)
        self.phoneError.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)
        self.phoneError.setWordWrap(True)
        self.phoneError.setVisible(False)

        self.form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.phoneError)

        self.pinLabel = QLabel(PersonDialog)
        self.pinLabel.setObjectName(u"pinLabel")

        self.form.setWidget(12, QFormLayout.ItemRole.LabelRole, self.pinLabel)

        self.pin = QLineEdit(PersonDialog)
        self.pin.setObjectName(u"pin")
        self.pin.setMaxLength(17)

        self.form.setWidget(12, QFormLayout.ItemRole.FieldRole, self.pin)

        self.pinError = QLabel(PersonDialog)
        self.pinError.setObjectName(u"pinError")
        sizePolicy.setHeightForWidth(self.pinError.sizePolicy().hasHeightForWidth())
        self.pinError.setSizePolicy(sizePolicy)
        self.pinError.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)
        self.pinError.setWordWrap(True)
        self.pinError.setVisible(False)

        self.form.setWidget(13, QFormLayout.ItemRole.FieldRole, self.pinError)

        self.organisationLabel = QLabel(PersonDialog)
        self.organisationLabel.setObjectName(u"organisationLabel")

        self.form.setWidget(14, QFormLayout.ItemRole.LabelRole, self.organisationLabel)

        self.organisation = QLineEdit(PersonDialog)
        self.organisation.setObjectName(u"organisation")
        self.organisation.setMaxLength(200)

        self.form.setWidget(14, QFormLayout.ItemRole.FieldRole, self.organisation)

        self.organisationError = QLabel(PersonDialog)
        self.organisationError.setObjectName(u"organisationError")
        sizePolicy.setHeightForWidth(self.organisationError.sizePolicy().hasHeightForWidth())
        self.organisationError.setSizePolicy(sizePolicy)
        self.organisationError.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)
        self.organisationError.setWordWrap(True)
        self.organisationError.setVisible(False)

        self.form.setWidget(15, QFormLayout.ItemRole.FieldRole, self.organisationError)

        self.positionLabel = QLabel(PersonDialog)
        self.positionLabel.setObjectName(u"positionLabel")

        self.form.setWidget(16, QFormLayout.ItemRole.LabelRole, self.positionLabel)

        self.position = QLineEdit(PersonDialog)
        self.position.setObjectName(u"position")
        self.position.setMaxLength(200)

        self.form.setWidget(16, QFormLayout.ItemRole.FieldRole, self.position)

        self.positionError = QLabel(PersonDialog)
        self.positionError.setObjectName(u"positionError")
        sizePolicy.setHeightForWidth(self.positionError.sizePolicy().hasHeightForWidth())
        self.positionError.setSizePolicy(sizePolicy)
        self.positionError.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)
        self.positionError.setWordWrap(True)
        self.positionError.setVisible(False)

        self.form.setWidget(17, QFormLayout.ItemRole.FieldRole, self.positionError)

        self.consentDateLabel = QLabel(PersonDialog)
        self.consentDateLabel.setObjectName(u"consentDateLabel")

        self.form.setWidget(18, QFormLayout.ItemRole.LabelRole, self.consentDateLabel)

        self.consentLayout = QHBoxLayout()
        self.consentLayout.setObjectName(u"consentLayout")
        self.consentGiven = QCheckBox(PersonDialog)
        self.consentGiven.setObjectName(u"consentGiven")

        self.consentLayout.addWidget(self.consentGiven)

        self.consentDate = QDateEdit(PersonDialog)
        self.consentDate.setObjectName(u"consentDate")
        self.consentDate.setCalendarPopup(True)
        self.consentDate.setDisplayFormat(u"dd.MM.yyyy")

        self.consentLayout.addWidget(self.consentDate)

        self.consentSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.consentLayout.addItem(self.consentSpacer)


        self.form.setLayout(18, QFormLayout.ItemRole.FieldRole, self.consentLayout)

        self.consentDateError = QLabel(PersonDialog)
        self.consentDateError.setObjectName(u"consentDateError")
        sizePolicy.setHeightForWidth(self.consentDateError.sizePolicy().hasHeightForWidth())
        self.consentDateError.setSizePolicy(sizePolicy)
        self.consentDateError.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)
        self.consentDateError.setWordWrap(True)
        self.consentDateError.setVisible(False)

        self.form.setWidget(19, QFormLayout.ItemRole.FieldRole, self.consentDateError)

        self.notesLabel = QLabel(PersonDialog)
        self.notesLabel.setObjectName(u"notesLabel")

        self.form.setWidget(20, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notes = QPlainTextEdit(PersonDialog)
        self.notes.setObjectName(u"notes")
        self.notes.setMaximumSize(QSize(16777215, 70))
        self.notes.setTabChangesFocus(True)

        self.form.setWidget(20, QFormLayout.ItemRole.FieldRole, self.notes)

        self.notesError = QLabel(PersonDialog)
        self.notesError.setObjectName(u"notesError")
        sizePolicy.setHeightForWidth(self.notesError.sizePolicy().hasHeightForWidth())
        self.notesError.setSizePolicy(sizePolicy)
        self.notesError.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)
        self.notesError.setWordWrap(True)
        self.notesError.setVisible(False)

        self.form.setWidget(21, QFormLayout.ItemRole.FieldRole, self.notesError)


        self.mainLayout.addLayout(self.form)

        self.bottomStretch = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomStretch)

        self.buttons = QDialogButtonBox(PersonDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.fullNameLabel.setBuddy(self.fullName)
        self.sexLabel.setBuddy(self.sex)
        self.birthYearLabel.setBuddy(self.birthYear)
        self.sectorLabel.setBuddy(self.sector)
        self.roleLabel.setBuddy(self.role)
        self.phoneLabel.setBuddy(self.phone)
        self.pinLabel.setBuddy(self.pin)
        self.organisationLabel.setBuddy(self.organisation)
        self.positionLabel.setBuddy(self.position)
        self.consentDateLabel.setBuddy(self.consentGiven)
        self.notesLabel.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.fullName, self.sex)
        QWidget.setTabOrder(self.sex, self.birthYear)
        QWidget.setTabOrder(self.birthYear, self.sector)
        QWidget.setTabOrder(self.sector, self.role)
        QWidget.setTabOrder(self.role, self.phone)
        QWidget.setTabOrder(self.phone, self.pin)
        QWidget.setTabOrder(self.pin, self.organisation)
        QWidget.setTabOrder(self.organisation, self.position)
        QWidget.setTabOrder(self.position, self.consentGiven)
        QWidget.setTabOrder(self.consentGiven, self.consentDate)
        QWidget.setTabOrder(self.consentDate, self.notes)
        QWidget.setTabOrder(self.notes, self.buttons)

        self.retranslateUi(PersonDialog)
    # setupUi

    def retranslateUi(self, PersonDialog):
        PersonDialog.setWindowTitle(QCoreApplication.translate("PersonDialog", u"Person", None))
        self.fullNameLabel.setText(QCoreApplication.translate("PersonDialog", u"&Full name:", None))
        self.fullName.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"Surname Given name (Patronymic)", None))
        self.sexLabel.setText(QCoreApplication.translate("PersonDialog", u"Se&x:", None))
        self.birthYearLabel.setText(QCoreApplication.translate("PersonDialog", u"&Birth year:", None))
        self.birthYear.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"e.g. 1985", None))
        self.sectorLabel.setText(QCoreApplication.translate("PersonDialog", u"S&ector:", None))
        self.roleLabel.setText(QCoreApplication.translate("PersonDialog", u"&Role in the group:", None))
        self.phoneLabel.setText(QCoreApplication.translate("PersonDialog", u"&Phone:", None))
        self.phone.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"0555 12 34 56", None))
        self.pinLabel.setText(QCoreApplication.translate("PersonDialog", u"P&IN (personal number):", None))
        self.pin.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"14 digits, optional", None))
        self.organisationLabel.setText(QCoreApplication.translate("PersonDialog", u"&Organisation:", None))
        self.positionLabel.setText(QCoreApplication.translate("PersonDialog", u"Posi&tion:", None))
        self.consentDateLabel.setText(QCoreApplication.translate("PersonDialog", u"&Consent signed on:", None))
        self.consentGiven.setText(QCoreApplication.translate("PersonDialog", u"given", None))
        self.notesLabel.setText(QCoreApplication.translate("PersonDialog", u"&Notes:", None))
    # retranslateUi

