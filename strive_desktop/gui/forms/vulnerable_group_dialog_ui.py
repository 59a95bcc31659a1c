# Generated from ui/vulnerable_group_dialog.ui by ui/build_forms.py (pyside6-uic). Do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'vulnerable_group_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_VulnerableGroupDialog(object):
    def setupUi(self, VulnerableGroupDialog):
        if not VulnerableGroupDialog.objectName():
            VulnerableGroupDialog.setObjectName(u"VulnerableGroupDialog")
        VulnerableGroupDialog.setMinimumSize(QSize(520, 0))
        self.mainLayout = QVBoxLayout(VulnerableGroupDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.where = QLabel(VulnerableGroupDialog)
        self.where.setObjectName(u"where")
        self.where.setWordWrap(True)

        self.mainLayout.addWidget(self.where)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(6)
        self.categoryLabel = QLabel(VulnerableGroupDialog)
        self.categoryLabel.setObjectName(u"categoryLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.categoryLabel)

        self.category = QLineEdit(VulnerableGroupDialog)
        self.category.setObjectName(u"category")
        self.category.setMaxLength(200)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.category)

        self.categoryError = QLabel(VulnerableGroupDialog)
        self.categoryError.setObjectName(u"categoryError")
        self.categoryError.setWordWrap(True)
        self.categoryError.setVisible(False)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.categoryError)

        self.descriptionLabel = QLabel(VulnerableGroupDialog)
        self.descriptionLabel.setObjectName(u"descriptionLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.descriptionLabel)

        self.description = QPlainTextEdit(VulnerableGroupDialog)
        self.description.setObjectName(u"description")
        self.description.setMinimumSize(QSize(0, 110))
        self.description.setTabChangesFocus(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.description)


        self.mainLayout.addLayout(self.form)

        self.buttons = QDialogButtonBox(VulnerableGroupDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.categoryLabel.setBuddy(self.category)
        self.descriptionLabel.setBuddy(self.description)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.category, self.description)
        QWidget.setTabOrder(self.description, self.buttons)

        self.retranslateUi(VulnerableGroupDialog)
    # setupUi

    def retranslateUi(self, VulnerableGroupDialog):
        VulnerableGroupDialog.setWindowTitle(QCoreApplication.translate("VulnerableGroupDialog", u"New vulnerable group", None))
        self.categoryLabel.setText(QCoreApplication.translate("VulnerableGroupDialog", u"&Category:", None))
        self.category.setPlaceholderText(QCoreApplication.translate("VulnerableGroupDialog", u"e.g. Young people without work, return migrants", None))
        self.descriptionLabel.setText(QCoreApplication.translate("VulnerableGroupDialog", u"&Description:", None))
        self.description.setPlaceholderText(QCoreApplication.translate("VulnerableGroupDialog", u"Who they are, where, how many, why they are at risk", None))
    # retranslateUi

