# Generated from ui/group_dialog.ui by ui/build_forms.py (pyside6-uic). Do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'group_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDateEdit, QDialog,
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_GroupDialog(object):
    def setupUi(self, GroupDialog):
        if not GroupDialog.objectName():
            GroupDialog.setObjectName(u"GroupDialog")
        GroupDialog.setMinimumSize(QSize(460, 0))
        self.mainLayout = QVBoxLayout(GroupDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.where = QLabel(GroupDialog)
        self.where.setObjectName(u"where")
        self.where.setWordWrap(True)

        self.mainLayout.addWidget(self.where)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(6)
        self.nameLabel = QLabel(GroupDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(GroupDialog)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(200)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.nameError = QLabel(GroupDialog)
        self.nameError.setObjectName(u"nameError")
        self.nameError.setWordWrap(True)
        self.nameError.setVisible(False)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.nameError)

        self.cpcLabel = QLabel(GroupDialog)
        self.cpcLabel.setObjectName(u"cpcLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.cpcLabel)

        self.cpc = QLineEdit(GroupDialog)
        self.cpc.setObjectName(u"cpc")
        self.cpc.setMaxLength(200)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.cpc)

        self.formedLabel = QLabel(GroupDialog)
        self.formedLabel.setObjectName(u"formedLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.formedLabel)

        self.formedRow = QHBoxLayout()
        self.formedRow.setObjectName(u"formedRow")
        self.formed = QDateEdit(GroupDialog)
        self.formed.setObjectName(u"formed")
        self.formed.setMinimumSize(QSize(120, 0))
        self.formed.setDisplayFormat(u"dd.MM.yyyy")
        self.formed.setCalendarPopup(True)

        self.formedRow.addWidget(self.formed)

        self.formedSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.formedRow.addItem(self.formedSpacer)


        self.form.setLayout(3, QFormLayout.ItemRole.FieldRole, self.formedRow)


        self.mainLayout.addLayout(self.form)

        self.buttons = QDialogButtonBox(GroupDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.cpcLabel.setBuddy(self.cpc)
        self.formedLabel.setBuddy(self.formed)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name, self.cpc)
        QWidget.setTabOrder(self.cpc, self.formed)
        QWidget.setTabOrder(self.formed, self.buttons)

        self.retranslateUi(GroupDialog)
    # setupUi

    def retranslateUi(self, GroupDialog):
        GroupDialog.setWindowTitle(QCoreApplication.translate("GroupDialog", u"New advisory group", None))
        self.nameLabel.setText(QCoreApplication.translate("GroupDialog", u"&Name:", None))
        self.cpcLabel.setText(QCoreApplication.translate("GroupDialog", u"C&PC name:", None))
        self.cpc.setPlaceholderText(QCoreApplication.translate("GroupDialog", u"e.g. community prevention centre (CPC)", None))
        self.formedLabel.setText(QCoreApplication.translate("GroupDialog", u"&Formed on:", None))
    # retranslateUi

