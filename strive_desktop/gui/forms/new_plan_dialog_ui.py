# Generated from ui/new_plan_dialog.ui by ui/build_forms.py (pyside6-uic). Do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'new_plan_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_NewPlanDialog(object):
    def setupUi(self, NewPlanDialog):
        if not NewPlanDialog.objectName():
            NewPlanDialog.setObjectName(u"NewPlanDialog")
        NewPlanDialog.setMinimumSize(QSize(560, 0))
        self.mainLayout = QVBoxLayout(NewPlanDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.intro = QLabel(NewPlanDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.mainLayout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(6)
        self.communityLabel = QLabel(NewPlanDialog)
        self.communityLabel.setObjectName(u"communityLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.communityLabel)

        self.community = QComboBox(NewPlanDialog)
        self.community.setObjectName(u"community")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.community)

        self.communityError = QLabel(NewPlanDialog)
        self.communityError.setObjectName(u"communityError")
        self.communityError.setWordWrap(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.communityError)

        self.titleLabel = QLabel(NewPlanDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.title = QLineEdit(NewPlanDialog)
        self.title.setObjectName(u"title")
        self.title.setMaxLength(300)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.title)

        self.titleError = QLabel(NewPlanDialog)
        self.titleError.setObjectName(u"titleError")
        self.titleError.setWordWrap(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.titleError)

        self.periodLabel = QLabel(NewPlanDialog)
        self.periodLabel.setObjectName(u"periodLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.periodLabel)

        self.period = QHBoxLayout()
        self.period.setSpacing(8)
        self.period.setObjectName(u"period")
        self.start = QDateEdit(NewPlanDialog)
        self.start.setObjectName(u"start")
        self.start.setMinimumSize(QSize(120, 0))
        self.start.setDisplayFormat(u"dd.MM.yyyy")
        self.start.setCalendarPopup(True)

        self.period.addWidget(self.start)

        self.periodTo = QLabel(NewPlanDialog)
        self.periodTo.setObjectName(u"periodTo")
        self.periodTo.setText(u"\u2013")

        self.period.addWidget(self.periodTo)

        self.end = QDateEdit(NewPlanDialog)
        self.end.setObjectName(u"end")
        self.end.setMinimumSize(QSize(120, 0))
        self.end.setDisplayFormat(u"dd.MM.yyyy")
        self.end.setCalendarPopup(True)

        self.period.addWidget(self.end)

        self.periodSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.period.addItem(self.periodSpacer)


        self.form.setLayout(4, QFormLayout.ItemRole.FieldRole, self.period)

        self.periodError = QLabel(NewPlanDialog)
        self.periodError.setObjectName(u"periodError")
        self.periodError.setWordWrap(True)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.periodError)


        self.mainLayout.addLayout(self.form)

        self.buttons = QDialogButtonBox(NewPlanDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.communityLabel.setBuddy(self.community)
        self.titleLabel.setBuddy(self.title)
        self.periodLabel.setBuddy(self.start)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.community, self.title)
        QWidget.setTabOrder(self.title, self.start)
        QWidget.setTabOrder(self.start, self.end)
        QWidget.setTabOrder(self.end, self.buttons)

        self.retranslateUi(NewPlanDialog)
    # setupUi

    def retranslateUi(self, NewPlanDialog):
        NewPlanDialog.setWindowTitle(QCoreApplication.translate("NewPlanDialog", u"New local plan", None))
        self.intro.setText(QCoreApplication.translate("NewPlanDialog", u"Give the plan a title and the period it covers. Sections and activities are filled in afterwards; everything is saved as you type.", None))
        self.communityLabel.setText(QCoreApplication.translate("NewPlanDialog", u"&Community:", None))
        self.community.setPlaceholderText(QCoreApplication.translate("NewPlanDialog", u"Choose the community", None))
        self.titleLabel.setText(QCoreApplication.translate("NewPlanDialog", u"&Title:", None))
        self.title.setPlaceholderText(QCoreApplication.translate("NewPlanDialog", u"e.g. Local plan for the prevention of violent extremism 2027", None))
        self.periodLabel.setText(QCoreApplication.translate("NewPlanDialog", u"&Period:", None))
    # retranslateUi

