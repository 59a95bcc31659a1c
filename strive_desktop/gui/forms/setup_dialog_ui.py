# Generated from ui/setup_dialog.ui by ui/build_forms.py (pyside6-uic). Do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'setup_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QButtonGroup, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QFrame,
    QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QRadioButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_SetupDialog(object):
    def setupUi(self, SetupDialog):
        if not SetupDialog.objectName():
            SetupDialog.setObjectName(u"SetupDialog")
        SetupDialog.setMinimumSize(QSize(520, 0))
        self.mainLayout = QVBoxLayout(SetupDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.languageLayout = QHBoxLayout()
        self.languageLayout.setObjectName(u"languageLayout")
        self.languageLabel = QLabel(SetupDialog)
        self.languageLabel.setObjectName(u"languageLabel")
        self.languageLabel.setText(u"\u0422\u0438\u043b \u00b7 \u042f\u0437\u044b\u043a \u00b7 Language:")

        self.languageLayout.addWidget(self.languageLabel)

        self.languageKy = QRadioButton(SetupDialog)
        self.languageGroup = QButtonGroup(SetupDialog)
        self.languageGroup.setObjectName(u"languageGroup")
        self.languageGroup.addButton(self.languageKy)
        self.languageKy.setObjectName(u"languageKy")
        self.languageKy.setText(u"\u041a\u044b\u0440\u0433\u044b\u0437\u0447\u0430")

        self.languageLayout.addWidget(self.languageKy)

        self.languageRu = QRadioButton(SetupDialog)
        self.languageGroup.addButton(self.languageRu)
        self.languageRu.setObjectName(u"languageRu")
        self.languageRu.setText(u"\u0420\u0443\u0441\u0441\u043a\u0438\u0439")

        self.languageLayout.addWidget(self.languageRu)

        self.languageEn = QRadioButton(SetupDialog)
        self.languageGroup.addButton(self.languageEn)
        self.languageEn.setObjectName(u"languageEn")
        self.languageEn.setText(u"English")

        self.languageLayout.addWidget(self.languageEn)

        self.languageSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.languageLayout.addItem(self.languageSpacer)


        self.mainLayout.addLayout(self.languageLayout)

        self.languageLine = QFrame(SetupDialog)
        self.languageLine.setObjectName(u"languageLine")
        self.languageLine.setFrameShape(QFrame.Shape.HLine)
        self.languageLine.setFrameShadow(QFrame.Shadow.Sunken)

        self.mainLayout.addWidget(self.languageLine)

        self.intro = QLabel(SetupDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.mainLayout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.nameLabel = QLabel(SetupDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(SetupDialog)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(200)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.communityRadio = QRadioButton(SetupDialog)
        self.communityRadio.setObjectName(u"communityRadio")
        self.communityRadio.setChecked(True)

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.communityRadio)

        self.community = QComboBox(SetupDialog)
        self.community.setObjectName(u"community")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.community)

        self.hqRadio = QRadioButton(SetupDialog)
        self.hqRadio.setObjectName(u"hqRadio")

        self.form.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.hqRadio)

        self.userLabel = QLabel(SetupDialog)
        self.userLabel.setObjectName(u"userLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.userLabel)

        self.userName = QLineEdit(SetupDialog)
        self.userName.setObjectName(u"userName")
        self.userName.setMaxLength(200)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.userName)


        self.mainLayout.addLayout(self.form)

        self.error = QLabel(SetupDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)

        self.mainLayout.addWidget(self.error)

        self.demoFrame = QFrame(SetupDialog)
        self.demoFrame.setObjectName(u"demoFrame")
        self.demoFrame.setFrameShape(QFrame.Shape.StyledPanel)
        self.demoLayout = QHBoxLayout(self.demoFrame)
        self.demoLayout.setObjectName(u"demoLayout")
        self.demoHint = QLabel(self.demoFrame)
        self.demoHint.setObjectName(u"demoHint")
        self.demoHint.setWordWrap(True)

        self.demoLayout.addWidget(self.demoHint)

        self.demoButton = QPushButton(self.demoFrame)
        self.demoButton.setObjectName(u"demoButton")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.demoButton.sizePolicy().hasHeightForWidth())
        self.demoButton.setSizePolicy(sizePolicy)

        self.demoLayout.addWidget(self.demoButton)

        self.demoLayout.setStretch(0, 1)

        self.mainLayout.addWidget(self.demoFrame)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.spacer)

        self.buttons = QDialogButtonBox(SetupDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.userLabel.setBuddy(self.userName)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.languageKy, self.languageRu)
        QWidget.setTabOrder(self.languageRu, self.languageEn)
        QWidget.setTabOrder(self.languageEn, self.name)
        QWidget.setTabOrder(self.name, self.communityRadio)
        QWidget.setTabOrder(self.communityRadio, self.community)
        QWidget.setTabOrder(self.community, self.hqRadio)
        QWidget.setTabOrder(self.hqRadio, self.userName)
        QWidget.setTabOrder(self.userName, self.demoButton)
        QWidget.setTabOrder(self.demoButton, self.buttons)

        self.retranslateUi(SetupDialog)
    # setupUi

    def retranslateUi(self, SetupDialog):
        SetupDialog.setWindowTitle(QCoreApplication.translate("SetupDialog", u"Set up STRIVE Desktop", None))
        self.intro.setText(QCoreApplication.translate("SetupDialog", u"Welcome! Before you start, tell STRIVE Desktop where it is used. You can change your name later in Settings.", None))
        self.nameLabel.setText(QCoreApplication.translate("SetupDialog", u"Installation &name:", None))
        self.name.setPlaceholderText(QCoreApplication.translate("SetupDialog", u"e.g. Kochkor ayil okmotu office", None))
        self.communityRadio.setText(QCoreApplication.translate("SetupDialog", u"A &community office:", None))
        self.hqRadio.setText(QCoreApplication.translate("SetupDialog", u"&Headquarters (Bishkek): sees and merges every community", None))
        self.userLabel.setText(QCoreApplication.translate("SetupDialog", u"&Your name:", None))
        self.userName.setPlaceholderText(QCoreApplication.translate("SetupDialog", u"recorded with every change you make", None))
        self.demoHint.setText(QCoreApplication.translate("SetupDialog", u"Only looking around, or training staff? Fill this folder with made-up demo data of the nine pilot communities instead (headquarters view).", None))
        self.demoButton.setText(QCoreApplication.translate("SetupDialog", u"Use &demo data", None))
    # retranslateUi

