# Generated from ui/pages/plans_page.ui by ui/build_forms.py (pyside6-uic). Do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'plans_page.ui'
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
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QSplitter,
    QStackedWidget, QTabWidget, QTableWidgetItem, QVBoxLayout,
    QWidget)

from strive_desktop.gui.pages.plans.activities_tab import ActivitiesTab
from strive_desktop.gui.pages.plans.plan_list import PlanList
from strive_desktop.gui.pages.plans.revisions_tab import RevisionsTab
from strive_desktop.gui.pages.plans.text_tab import PlanTextTab
from strive_desktop.gui.widgets.empty_state import EmptyState

class Ui_PlansPage(object):
    def setupUi(self, PlansPage):
        if not PlansPage.objectName():
            PlansPage.setObjectName(u"PlansPage")
        self.outer = QVBoxLayout(PlansPage)
        self.outer.setSpacing(6)
        self.outer.setObjectName(u"outer")
        self.outer.setContentsMargins(12, 10, 12, 8)
        self.head = QHBoxLayout()
        self.head.setObjectName(u"head")
        self.title = QLabel(PlansPage)
        self.title.setObjectName(u"title")

        self.head.addWidget(self.title)

        self.titleSpace = QSpacerItem(12, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.head.addItem(self.titleSpace)

        self.subtitle = QLabel(PlansPage)
        self.subtitle.setObjectName(u"subtitle")

        self.head.addWidget(self.subtitle)

        self.newButton = QPushButton(PlansPage)
        self.newButton.setObjectName(u"newButton")

        self.head.addWidget(self.newButton)

        self.deleteButton = QPushButton(PlansPage)
        self.deleteButton.setObjectName(u"deleteButton")

        self.head.addWidget(self.deleteButton)

        self.head.setStretch(2, 1)

        self.outer.addLayout(self.head)

        self.stack = QStackedWidget(PlansPage)
        self.stack.setObjectName(u"stack")
        self.splitter = QSplitter()
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.list = PlanList(self.splitter)
        self.list.setObjectName(u"list")
        self.splitter.addWidget(self.list)
        self.editor = QWidget(self.splitter)
        self.editor.setObjectName(u"editor")
        self.editorLayout = QVBoxLayout(self.editor)
        self.editorLayout.setSpacing(6)
        self.editorLayout.setObjectName(u"editorLayout")
        self.editorLayout.setContentsMargins(0, 6, 0, 0)
        self.bar = QHBoxLayout()
        self.bar.setObjectName(u"bar")
        self.statusChip = QLabel(self.editor)
        self.statusChip.setObjectName(u"statusChip")

        self.bar.addWidget(self.statusChip)

        self.saveState = QLabel(self.editor)
        self.saveState.setObjectName(u"saveState")

        self.bar.addWidget(self.saveState)

        self.barSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.bar.addItem(self.barSpace)

        self.buttonRow = QWidget(self.editor)
        self.buttonRow.setObjectName(u"buttonRow")
        self.revisionButton = QPushButton(self.buttonRow)
        self.revisionButton.setObjectName(u"revisionButton")
        self.submitButton = QPushButton(self.buttonRow)
        self.submitButton.setObjectName(u"submitButton")
        self.approveButton = QPushButton(self.buttonRow)
        self.approveButton.setObjectName(u"approveButton")
        self.returnButton = QPushButton(self.buttonRow)
        self.returnButton.setObjectName(u"returnButton")
        self.printButton = QPushButton(self.buttonRow)
        self.printButton.setObjectName(u"printButton")

        self.bar.addWidget(self.buttonRow)

        self.bar.setStretch(2, 1)
        self.bar.setStretch(3, 10)

        self.editorLayout.addLayout(self.bar)

        self.banner = QLabel(self.editor)
        self.banner.setObjectName(u"banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)

        self.editorLayout.addWidget(self.banner)

        self.tabs = QTabWidget(self.editor)
        self.tabs.setObjectName(u"tabs")
        self.textTab = PlanTextTab()
        self.textTab.setObjectName(u"textTab")
        self.tabs.addTab(self.textTab, "")
        self.activitiesTab = ActivitiesTab()
        self.activitiesTab.setObjectName(u"activitiesTab")
        self.tabs.addTab(self.activitiesTab, "")
        self.revisionsTab = RevisionsTab()
        self.revisionsTab.setObjectName(u"revisionsTab")
        self.tabs.addTab(self.revisionsTab, "")

        self.editorLayout.addWidget(self.tabs)

        self.editorLayout.setStretch(2, 1)
        self.splitter.addWidget(self.editor)
        self.stack.addWidget(self.splitter)
        self.emptyBox = EmptyState()
        self.emptyBox.setObjectName(u"emptyBox")
        self.stack.addWidget(self.emptyBox)

        self.outer.addWidget(self.stack)

        self.outer.setStretch(1, 1)

        self.retranslateUi(PlansPage)

        self.tabs.setCurrentIndex(0)

    # setupUi

    def retranslateUi(self, PlansPage):
        self.title.setText(QCoreApplication.translate("PlansPage", u"Local plans", None))
#if QT_CONFIG(tooltip)
        self.newButton.setToolTip(QCoreApplication.translate("PlansPage", u"Start a new local plan (Ctrl+N)", None))
#endif // QT_CONFIG(tooltip)
        self.newButton.setText(QCoreApplication.translate("PlansPage", u"&New plan\u2026", None))
#if QT_CONFIG(tooltip)
        self.deleteButton.setToolTip(QCoreApplication.translate("PlansPage", u"Only a draft can be deleted", None))
#endif // QT_CONFIG(tooltip)
        self.deleteButton.setText(QCoreApplication.translate("PlansPage", u"&Delete plan", None))
#if QT_CONFIG(tooltip)
        self.revisionButton.setToolTip(QCoreApplication.translate("PlansPage", u"Keep a copy of the plan as it is now, with a note", None))
#endif // QT_CONFIG(tooltip)
        self.revisionButton.setText(QCoreApplication.translate("PlansPage", u"Save as &revision\u2026", None))
#if QT_CONFIG(tooltip)
        self.submitButton.setToolTip(QCoreApplication.translate("PlansPage", u"Send the plan for approval; it becomes read-only", None))
#endif // QT_CONFIG(tooltip)
        self.submitButton.setText(QCoreApplication.translate("PlansPage", u"&Submit", None))
#if QT_CONFIG(tooltip)
        self.approveButton.setToolTip(QCoreApplication.translate("PlansPage", u"Approve the submitted plan; an approved plan is final", None))
#endif // QT_CONFIG(tooltip)
        self.approveButton.setText(QCoreApplication.translate("PlansPage", u"&Approve", None))
#if QT_CONFIG(tooltip)
        self.returnButton.setToolTip(QCoreApplication.translate("PlansPage", u"Send the submitted plan back for changes", None))
#endif // QT_CONFIG(tooltip)
        self.returnButton.setText(QCoreApplication.translate("PlansPage", u"Return to dra&ft", None))
        self.printButton.setText(QCoreApplication.translate("PlansPage", u"Pr&int plan\u2026", None))
        self.tabs.setTabText(self.tabs.indexOf(self.textTab), QCoreApplication.translate("PlansPage", u"Plan", None))
        self.tabs.setTabText(self.tabs.indexOf(self.activitiesTab), QCoreApplication.translate("PlansPage", u"Activities", None))
        self.tabs.setTabText(self.tabs.indexOf(self.revisionsTab), QCoreApplication.translate("PlansPage", u"Revisions", None))
        self.emptyBox.setButtonText(QCoreApplication.translate("PlansPage", u"Start the local plan", None))
        pass
    # retranslateUi

