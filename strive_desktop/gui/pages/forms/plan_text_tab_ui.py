# Generated from ui/pages/plan_text_tab.ui by ui/build_forms.py (pyside6-uic). Do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'plan_text_tab.ui'
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
from PySide6.QtWidgets import (QApplication, QDateEdit, QGridLayout, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QSizePolicy,
    QSpacerItem, QWidget)

class Ui_PlanTextTab(object):
    def setupUi(self, PlanTextTab):
        if not PlanTextTab.objectName():
            PlanTextTab.setObjectName(u"PlanTextTab")
        self.grid = QGridLayout(PlanTextTab)
        self.grid.setObjectName(u"grid")
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(4)
        self.grid.setContentsMargins(10, 10, 10, 10)
        self.head = QHBoxLayout()
        self.head.setSpacing(8)
        self.head.setObjectName(u"head")
        self.titleLabel = QLabel(PlanTextTab)
        self.titleLabel.setObjectName(u"titleLabel")

        self.head.addWidget(self.titleLabel)

        self.titleEdit = QLineEdit(PlanTextTab)
        self.titleEdit.setObjectName(u"titleEdit")
        self.titleEdit.setMaxLength(300)

        self.head.addWidget(self.titleEdit)

        self.headSpace = QSpacerItem(16, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.head.addItem(self.headSpace)

        self.periodLabel = QLabel(PlanTextTab)
        self.periodLabel.setObjectName(u"periodLabel")

        self.head.addWidget(self.periodLabel)

        self.startEdit = QDateEdit(PlanTextTab)
        self.startEdit.setObjectName(u"startEdit")
        self.startEdit.setMinimumSize(QSize(120, 0))
        self.startEdit.setDisplayFormat(u"dd.MM.yyyy")
        self.startEdit.setMinimumDate(QDate(2000, 1, 1))
        self.startEdit.setCalendarPopup(True)

        self.head.addWidget(self.startEdit)

        self.periodDash = QLabel(PlanTextTab)
        self.periodDash.setObjectName(u"periodDash")
        self.periodDash.setText(u"\u2013")

        self.head.addWidget(self.periodDash)

        self.endEdit = QDateEdit(PlanTextTab)
        self.endEdit.setObjectName(u"endEdit")
        self.endEdit.setMinimumSize(QSize(120, 0))
        self.endEdit.setDisplayFormat(u"dd.MM.yyyy")
        self.endEdit.setMinimumDate(QDate(2000, 1, 1))
        self.endEdit.setCalendarPopup(True)

        self.head.addWidget(self.endEdit)

        self.head.setStretch(1, 1)

        self.grid.addLayout(self.head, 0, 0, 1, 3)

        self.errorsRow = QWidget(PlanTextTab)
        self.errorsRow.setObjectName(u"errorsRow")
        self.errorsLayout = QHBoxLayout(self.errorsRow)
        self.errorsLayout.setObjectName(u"errorsLayout")
        self.errorsLayout.setContentsMargins(0, 0, 0, 0)
        self.titleError = QLabel(self.errorsRow)
        self.titleError.setObjectName(u"titleError")

        self.errorsLayout.addWidget(self.titleError)

        self.periodError = QLabel(self.errorsRow)
        self.periodError.setObjectName(u"periodError")

        self.errorsLayout.addWidget(self.periodError)

        self.errorsLayout.setStretch(0, 1)
        self.errorsLayout.setStretch(1, 1)

        self.grid.addWidget(self.errorsRow, 1, 0, 1, 3)

        self.contextLabel = QLabel(PlanTextTab)
        self.contextLabel.setObjectName(u"contextLabel")

        self.grid.addWidget(self.contextLabel, 2, 0, 1, 1)

        self.context = QPlainTextEdit(PlanTextTab)
        self.context.setObjectName(u"context")
        self.context.setTabChangesFocus(True)

        self.grid.addWidget(self.context, 3, 0, 1, 1)

        self.contextError = QLabel(PlanTextTab)
        self.contextError.setObjectName(u"contextError")

        self.grid.addWidget(self.contextError, 4, 0, 1, 1)

        self.vulnerableGroupsLabel = QLabel(PlanTextTab)
        self.vulnerableGroupsLabel.setObjectName(u"vulnerableGroupsLabel")

        self.grid.addWidget(self.vulnerableGroupsLabel, 2, 1, 1, 1)

        self.vulnerableGroups = QPlainTextEdit(PlanTextTab)
        self.vulnerableGroups.setObjectName(u"vulnerableGroups")
        self.vulnerableGroups.setTabChangesFocus(True)

        self.grid.addWidget(self.vulnerableGroups, 3, 1, 1, 1)

        self.vulnerableGroupsError = QLabel(PlanTextTab)
        self.vulnerableGroupsError.setObjectName(u"vulnerableGroupsError")

        self.grid.addWidget(self.vulnerableGroupsError, 4, 1, 1, 1)

        self.objectivesLabel = QLabel(PlanTextTab)
        self.objectivesLabel.setObjectName(u"objectivesLabel")

        self.grid.addWidget(self.objectivesLabel, 2, 2, 1, 1)

        self.objectives = QPlainTextEdit(PlanTextTab)
        self.objectives.setObjectName(u"objectives")
        self.objectives.setTabChangesFocus(True)

        self.grid.addWidget(self.objectives, 3, 2, 1, 1)

        self.objectivesError = QLabel(PlanTextTab)
        self.objectivesError.setObjectName(u"objectivesError")

        self.grid.addWidget(self.objectivesError, 4, 2, 1, 1)

        self.grid.setRowStretch(3, 1)
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.titleLabel.setBuddy(self.titleEdit)
        self.periodLabel.setBuddy(self.startEdit)
        self.contextLabel.setBuddy(self.context)
        self.vulnerableGroupsLabel.setBuddy(self.vulnerableGroups)
        self.objectivesLabel.setBuddy(self.objectives)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.titleEdit, self.startEdit)
        QWidget.setTabOrder(self.startEdit, self.endEdit)
        QWidget.setTabOrder(self.endEdit, self.context)
        QWidget.setTabOrder(self.context, self.vulnerableGroups)
        QWidget.setTabOrder(self.vulnerableGroups, self.objectives)

        self.retranslateUi(PlanTextTab)
    # setupUi

    def retranslateUi(self, PlanTextTab):
        self.titleLabel.setText(QCoreApplication.translate("PlanTextTab", u"&Title:", None))
        self.periodLabel.setText(QCoreApplication.translate("PlanTextTab", u"P&eriod:", None))
        self.startEdit.setSpecialValueText(QCoreApplication.translate("PlanTextTab", u"not set", None))
        self.endEdit.setSpecialValueText(QCoreApplication.translate("PlanTextTab", u"not set", None))
        self.contextLabel.setText(QCoreApplication.translate("PlanTextTab", u"&Context and conflict analysis", None))
        self.context.setPlaceholderText(QCoreApplication.translate("PlanTextTab", u"What is happening in the community; risks, tensions, their causes", None))
        self.vulnerableGroupsLabel.setText(QCoreApplication.translate("PlanTextTab", u"&Vulnerable groups addressed", None))
        self.vulnerableGroups.setPlaceholderText(QCoreApplication.translate("PlanTextTab", u"Who is most at risk and why", None))
        self.objectivesLabel.setText(QCoreApplication.translate("PlanTextTab", u"&Objectives", None))
        self.objectives.setPlaceholderText(QCoreApplication.translate("PlanTextTab", u"What the plan wants to achieve (needed to submit)", None))
        pass
    # retranslateUi

