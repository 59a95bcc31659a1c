# Generated from ui/walk_in_dialog.ui by ui/build_forms.py (pyside6-uic). Do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'walk_in_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_WalkInDialog(object):
    def setupUi(self, WalkInDialog):
        if not WalkInDialog.objectName():
            WalkInDialog.setObjectName(u"WalkInDialog")
        WalkInDialog.setMinimumSize(QSize(540, 0))
        self.mainLayout = QVBoxLayout(WalkInDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(14, 12, 14, 12)
        self.intro = QLabel(WalkInDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.mainLayout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(6)
        self.fullNameLabel = QLabel(WalkInDialog)
        self.fullNameLabel.setObjectName(u"fullNameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.fullNameLabel)

        self.fullName = QLineEdit(WalkInDialog)
        self.fullName.setObjectName(u"fullName")
        self.fullName.setMaxLength(200)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.fullName)

        self.fullNameError = QLabel(WalkInDialog)
        self.fullNameError.setObjectName(u"fullNameError")
        self.fullNameError.setWordWrap(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.fullNameError)

        self.sexLabel = QLabel(WalkInDialog)
        self.sexLabel.setObjectName(u"sexLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.sexLabel)

        self.sex = QComboBox(WalkInDialog)
        self.sex.setObjectName(u"sex")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.sex)

        self.sexError = QLabel(WalkInDialog)
        self.sexError.setObjectName(u"sexError")
        self.sexError.setWordWrap(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.sexError)

        self.birthYearLabel = QLabel(WalkInDialog)
        self.birthYearLabel.setObjectName(u"birthYearLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.birthYearLabel)

        self.birthYear = QLineEdit(WalkInDialog)
        self.birthYear.setObjectName(u"birthYear")
        self.birthYear.setMaximumSize(QSize(90, 16777215))
        self.birthYear.setMaxLength(4)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.birthYear)

        self.birthYearError = QLabel(WalkInDialog)
        self.birthYearError.setObjectName(u"birthYearError")
        self.birthYearError.setWordWrap(True)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.birthYearError)

        self.sectorLabel = QLabel(WalkInDialog)
        self.sectorLabel.setObjectName(u"sectorLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.sectorLabel)

        self.sector = QComboBox(WalkInDialog)
        self.sector.setObjectName(u"sector")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.sector)

        self.sectorError = QLabel(WalkInDialog)
        self.sectorError.setObjectName(u"sectorError")
        self.sectorError.setWordWrap(True)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.sectorError)


        self.mainLayout.addLayout(self.form)

        self.buttons = QDialogButtonBox(WalkInDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.fullNameLabel.setBuddy(self.fullName)
        self.sexLabel.setBuddy(self.sex)
        self.birthYearLabel.setBuddy(self.birthYear)
        self.sectorLabel.setBuddy(self.sector)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.fullName, self.sex)
        QWidget.setTabOrder(self.sex, self.birthYear)
        QWidget.setTabOrder(self.birthYear, self.sector)
        QWidget.setTabOrder(self.sector, self.buttons)

        self.retranslateUi(WalkInDialog)
    # setupUi

    def retranslateUi(self, WalkInDialog):
        WalkInDialog.setWindowTitle(QCoreApplication.translate("WalkInDialog", u"Add walk-in", None))
        self.intro.setText(QCoreApplication.translate("WalkInDialog", u"Someone came to the training who is not a member of the advisory group. They are added to this community's people and to this sheet.", None))
        self.fullNameLabel.setText(QCoreApplication.translate("WalkInDialog", u"&Full name:", None))
        self.fullName.setPlaceholderText(QCoreApplication.translate("WalkInDialog", u"Surname Name Patronymic", None))
        self.sexLabel.setText(QCoreApplication.translate("WalkInDialog", u"Se&x:", None))
        self.sex.setPlaceholderText(QCoreApplication.translate("WalkInDialog", u"Choose", None))
        self.birthYearLabel.setText(QCoreApplication.translate("WalkInDialog", u"&Birth year:", None))
        self.sectorLabel.setText(QCoreApplication.translate("WalkInDialog", u"S&ector:", None))
        self.sector.setPlaceholderText(QCoreApplication.translate("WalkInDialog", u"Choose", None))
    # retranslateUi

