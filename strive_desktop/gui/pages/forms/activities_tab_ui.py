# Generated from ui/pages/activities_tab.ui by ui/build_forms.py (pyside6-uic). Do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'activities_tab.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QHBoxLayout,
    QHeaderView, QLabel, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

from strive_desktop.gui.pages.plans.activities_view import ActivitiesView

class Ui_ActivitiesTab(object):
    def setupUi(self, ActivitiesTab):
        if not ActivitiesTab.objectName():
            ActivitiesTab.setObjectName(u"ActivitiesTab")
        self.mainLayout = QVBoxLayout(ActivitiesTab)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(8, 8, 8, 6)
        self.bar = QHBoxLayout()
        self.bar.setObjectName(u"bar")
        self.addButton = QPushButton(ActivitiesTab)
        self.addButton.setObjectName(u"addButton")

        self.bar.addWidget(self.addButton)

        self.removeButton = QPushButton(ActivitiesTab)
        self.removeButton.setObjectName(u"removeButton")

        self.bar.addWidget(self.removeButton)

        self.upButton = QPushButton(ActivitiesTab)
        self.upButton.setObjectName(u"upButton")

        self.bar.addWidget(self.upButton)

        self.downButton = QPushButton(ActivitiesTab)
        self.downButton.setObjectName(u"downButton")

        self.bar.addWidget(self.downButton)

        self.barSpace = QSpacerItem(10, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.bar.addItem(self.barSpace)

        self.hint = QLabel(ActivitiesTab)
        self.hint.setObjectName(u"hint")
        self.hint.setWordWrap(True)

        self.bar.addWidget(self.hint)

        self.bar.setStretch(5, 1)

        self.mainLayout.addLayout(self.bar)

        self.table = ActivitiesView(ActivitiesTab)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed|QAbstractItemView.EditTrigger.DoubleClicked|QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.verticalHeader().setDefaultSectionSize(26)

        self.mainLayout.addWidget(self.table)

        self.errors = QLabel(ActivitiesTab)
        self.errors.setObjectName(u"errors")
        self.errors.setWordWrap(True)

        self.mainLayout.addWidget(self.errors)

        self.Totals = QFrame(ActivitiesTab)
        self.Totals.setObjectName(u"Totals")
        self.totalsLayout = QHBoxLayout(self.Totals)
        self.totalsLayout.setObjectName(u"totalsLayout")
        self.totalsLayout.setContentsMargins(10, 5, 10, 5)
        self.projectName = QLabel(self.Totals)
        self.projectName.setObjectName(u"projectName")

        self.totalsLayout.addWidget(self.projectName)

        self.projectTotal = QLabel(self.Totals)
        self.projectTotal.setObjectName(u"projectTotal")

        self.totalsLayout.addWidget(self.projectTotal)

        self.projectSpace = QSpacerItem(18, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.totalsLayout.addItem(self.projectSpace)

        self.localName = QLabel(self.Totals)
        self.localName.setObjectName(u"localName")

        self.totalsLayout.addWidget(self.localName)

        self.localTotal = QLabel(self.Totals)
        self.localTotal.setObjectName(u"localTotal")

        self.totalsLayout.addWidget(self.localTotal)

        self.localSpace = QSpacerItem(18, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.totalsLayout.addItem(self.localSpace)

        self.otherName = QLabel(self.Totals)
        self.otherName.setObjectName(u"otherName")

        self.totalsLayout.addWidget(self.otherName)

        self.otherTotal = QLabel(self.Totals)
        self.otherTotal.setObjectName(u"otherTotal")

        self.totalsLayout.addWidget(self.otherTotal)

        self.otherSpace = QSpacerItem(18, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.totalsLayout.addItem(self.otherSpace)

        self.totalName = QLabel(self.Totals)
        self.totalName.setObjectName(u"totalName")

        self.totalsLayout.addWidget(self.totalName)

        self.totalTotal = QLabel(self.Totals)
        self.totalTotal.setObjectName(u"totalTotal")

        self.totalsLayout.addWidget(self.totalTotal)

        self.totalSpace = QSpacerItem(18, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.totalsLayout.addItem(self.totalSpace)

        self.totalsEnd = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.totalsLayout.addItem(self.totalsEnd)


        self.mainLayout.addWidget(self.Totals)

        self.mainLayout.setStretch(1, 1)
        QWidget.setTabOrder(self.addButton, self.removeButton)
        QWidget.setTabOrder(self.removeButton, self.upButton)
        QWidget.setTabOrder(self.upButton, self.downButton)
        QWidget.setTabOrder(self.downButton, self.table)

        self.retranslateUi(ActivitiesTab)
    # setupUi

    def retranslateUi(self, ActivitiesTab):
        self.addButton.setText(QCoreApplication.translate("ActivitiesTab", u"Add ac&tivity", None))
        self.removeButton.setText(QCoreApplication.translate("ActivitiesTab", u"Re&move", None))
        self.upButton.setText(QCoreApplication.translate("ActivitiesTab", u"Move &up", None))
        self.downButton.setText(QCoreApplication.translate("ActivitiesTab", u"Move do&wn", None))
        self.hint.setText(QCoreApplication.translate("ActivitiesTab", u"Type or double-click to edit a cell; Delete empties it. Amounts in som.", None))
        pass
    # retranslateUi

