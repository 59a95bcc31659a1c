# Generated from ui/pages/trainings_page.ui by ui/build_forms.py (pyside6-uic). Do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'trainings_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QSplitter, QStackedWidget, QTabWidget, QTableView,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from strive_desktop.gui.pages.trainings.sheet_tab import SheetTab
from strive_desktop.gui.widgets.empty_state import EmptyState

class Ui_TrainingsPage(object):
    def setupUi(self, TrainingsPage):
        if not TrainingsPage.objectName():
            TrainingsPage.setObjectName(u"TrainingsPage")
        self.mainLayout = QVBoxLayout(TrainingsPage)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(12, 10, 12, 8)
        self.head = QHBoxLayout()
        self.head.setObjectName(u"head")
        self.title = QLabel(TrainingsPage)
        self.title.setObjectName(u"title")

        self.head.addWidget(self.title, 0, Qt.AlignmentFlag.AlignBaseline)

        self.titleSpace = QSpacerItem(10, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.head.addItem(self.titleSpace)

        self.subtitle = QLabel(TrainingsPage)
        self.subtitle.setObjectName(u"subtitle")

        self.head.addWidget(self.subtitle, 0, Qt.AlignmentFlag.AlignBaseline)

        self.newButton = QPushButton(TrainingsPage)
        self.newButton.setObjectName(u"newButton")

        self.head.addWidget(self.newButton)

        self.editButton = QPushButton(TrainingsPage)
        self.editButton.setObjectName(u"editButton")

        self.head.addWidget(self.editButton)

        self.deleteButton = QPushButton(TrainingsPage)
        self.deleteButton.setObjectName(u"deleteButton")

        self.head.addWidget(self.deleteButton)

        self.verifyButton = QPushButton(TrainingsPage)
        self.verifyButton.setObjectName(u"verifyButton")

        self.head.addWidget(self.verifyButton)

        self.head.setStretch(2, 1)

        self.mainLayout.addLayout(self.head)

        self.splitter = QSplitter(TrainingsPage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.listStack = QStackedWidget(self.splitter)
        self.listStack.setObjectName(u"listStack")
        self.listStack.setMinimumSize(QSize(0, 110))
        self.table = QTableView()
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.listStack.addWidget(self.table)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.emptyBox = EmptyState()
        self.emptyBox.setObjectName(u"emptyBox")
        self.listStack.addWidget(self.emptyBox)
        self.splitter.addWidget(self.listStack)
        self.detail = QWidget(self.splitter)
        self.detail.setObjectName(u"detail")
        self.detail.setMinimumSize(QSize(0, 260))
        self.detailLayout = QVBoxLayout(self.detail)
        self.detailLayout.setObjectName(u"detailLayout")
        self.detailLayout.setContentsMargins(0, 6, 0, 0)
        self.detailTitle = QLabel(self.detail)
        self.detailTitle.setObjectName(u"detailTitle")
        self.detailTitle.setWordWrap(True)

        self.detailLayout.addWidget(self.detailTitle)

        self.detailInfo = QLabel(self.detail)
        self.detailInfo.setObjectName(u"detailInfo")
        self.detailInfo.setWordWrap(True)

        self.detailLayout.addWidget(self.detailInfo)

        self.tabs = QTabWidget(self.detail)
        self.tabs.setObjectName(u"tabs")
        self.sheetTab = SheetTab()
        self.sheetTab.setObjectName(u"sheetTab")
        self.tabs.addTab(self.sheetTab, "")
        self.scans = QWidget()
        self.scans.setObjectName(u"scans")
        self.scansLayout = QVBoxLayout(self.scans)
        self.scansLayout.setObjectName(u"scansLayout")
        self.scansLayout.setContentsMargins(6, 6, 6, 6)
        self.scansBar = QHBoxLayout()
        self.scansBar.setObjectName(u"scansBar")
        self.scansHint = QLabel(self.scans)
        self.scansHint.setObjectName(u"scansHint")
        self.scansHint.setWordWrap(True)

        self.scansBar.addWidget(self.scansHint)

        self.attachButton = QPushButton(self.scans)
        self.attachButton.setObjectName(u"attachButton")

        self.scansBar.addWidget(self.attachButton)

        self.openButton = QPushButton(self.scans)
        self.openButton.setObjectName(u"openButton")

        self.scansBar.addWidget(self.openButton)

        self.removeButton = QPushButton(self.scans)
        self.removeButton.setObjectName(u"removeButton")

        self.scansBar.addWidget(self.removeButton)

        self.scansBar.setStretch(0, 1)

        self.scansLayout.addLayout(self.scansBar)

        self.attachments = QTableWidget(self.scans)
        if (self.attachments.columnCount() < 3):
            self.attachments.setColumnCount(3)
        __qtablewidgetitem = QTableWidgetItem()
        self.attachments.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.attachments.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.attachments.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        self.attachments.setObjectName(u"attachments")
        self.attachments.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.attachments.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.attachments.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attachments.verticalHeader().setVisible(False)

        self.scansLayout.addWidget(self.attachments)

        self.scansLayout.setStretch(1, 1)
        self.tabs.addTab(self.scans, "")

        self.detailLayout.addWidget(self.tabs)

        self.detailLayout.setStretch(2, 1)
        self.splitter.addWidget(self.detail)

        self.mainLayout.addWidget(self.splitter)

        self.mainLayout.setStretch(1, 1)

        self.retranslateUi(TrainingsPage)

        self.tabs.setCurrentIndex(0)

    # setupUi

    def retranslateUi(self, TrainingsPage):
        self.title.setText(QCoreApplication.translate("TrainingsPage", u"Trainings", None))
#if QT_CONFIG(tooltip)
        self.newButton.setToolTip(QCoreApplication.translate("TrainingsPage", u"Create a training with its sessions (Ctrl+N)", None))
#endif // QT_CONFIG(tooltip)
        self.newButton.setText(QCoreApplication.translate("TrainingsPage", u"&New training", None))
        self.editButton.setText(QCoreApplication.translate("TrainingsPage", u"&Edit", None))
        self.deleteButton.setText(QCoreApplication.translate("TrainingsPage", u"&Delete", None))
#if QT_CONFIG(tooltip)
        self.verifyButton.setToolTip(QCoreApplication.translate("TrainingsPage", u"Check a printed certificate against the register: its serial number and verification code", None))
#endif // QT_CONFIG(tooltip)
        self.verifyButton.setText(QCoreApplication.translate("TrainingsPage", u"C&heck a certificate\u2026", None))
        self.emptyBox.setButtonText(QCoreApplication.translate("TrainingsPage", u"Create the first training", None))
        self.tabs.setTabText(self.tabs.indexOf(self.sheetTab), QCoreApplication.translate("TrainingsPage", u"Attendance sheet", None))
        self.scansHint.setText(QCoreApplication.translate("TrainingsPage", u"Photos or scans of the signed paper sheet (JPEG, PNG, TIFF or PDF, up to 20 MB). A copy is kept in the data folder.", None))
        self.attachButton.setText(QCoreApplication.translate("TrainingsPage", u"&Attach scan\u2026", None))
        self.openButton.setText(QCoreApplication.translate("TrainingsPage", u"&Open", None))
        self.removeButton.setText(QCoreApplication.translate("TrainingsPage", u"&Remove", None))
        ___qtablewidgetitem = self.attachments.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("TrainingsPage", u"File", None))
        ___qtablewidgetitem1 = self.attachments.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("TrainingsPage", u"Size", None))
        ___qtablewidgetitem2 = self.attachments.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("TrainingsPage", u"Added", None))
        self.tabs.setTabText(self.tabs.indexOf(self.scans), QCoreApplication.translate("TrainingsPage", u"Scans", None))
        pass
    # retranslateUi

