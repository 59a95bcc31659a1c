# Generated from ui/pages/dashboard_page.ui by ui/build_forms.py (pyside6-uic). Do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'dashboard_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QGridLayout,
    QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QScrollArea, QSizePolicy, QSpacerItem, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

from strive_desktop.gui.widgets.charts import BarChart
from strive_desktop.gui.widgets.first_week import FirstWeekPanel

class Ui_DashboardPage(object):
    def setupUi(self, DashboardPage):
        if not DashboardPage.objectName():
            DashboardPage.setObjectName(u"DashboardPage")
        self.outer = QVBoxLayout(DashboardPage)
        self.outer.setObjectName(u"outer")
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(DashboardPage)
        self.scroll.setObjectName(u"scroll")
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.body = QWidget()
        self.body.setObjectName(u"body")
        self.bodyLayout = QVBoxLayout(self.body)
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.bodyLayout.setContentsMargins(12, 10, 12, 10)
        self.head = QHBoxLayout()
        self.head.setObjectName(u"head")
        self.title = QLabel(self.body)
        self.title.setObjectName(u"title")
        self.title.setWordWrap(True)

        self.head.addWidget(self.title)

        self.summaryButton = QPushButton(self.body)
        self.summaryButton.setObjectName(u"summaryButton")

        self.head.addWidget(self.summaryButton)

        self.head.setStretch(0, 1)

        self.bodyLayout.addLayout(self.head)

        self.FirstWeek = FirstWeekPanel(self.body)
        self.FirstWeek.setObjectName(u"FirstWeek")

        self.bodyLayout.addWidget(self.FirstWeek)

        self.cards = QHBoxLayout()
        self.cards.setObjectName(u"cards")
        self.membersCard = QFrame(self.body)
        self.membersCard.setObjectName(u"membersCard")
        self.membersCardLayout = QVBoxLayout(self.membersCard)
        self.membersCardLayout.setObjectName(u"membersCardLayout")
        self.membersCardLayout.setContentsMargins(12, 6, 12, 6)
        self.membersValue = QLabel(self.membersCard)
        self.membersValue.setObjectName(u"membersValue")
        self.membersValue.setText(u"\u2026")

        self.membersCardLayout.addWidget(self.membersValue)

        self.membersCaption = QLabel(self.membersCard)
        self.membersCaption.setObjectName(u"membersCaption")
        self.membersCaption.setWordWrap(True)

        self.membersCardLayout.addWidget(self.membersCaption)


        self.cards.addWidget(self.membersCard)

        self.womenCard = QFrame(self.body)
        self.womenCard.setObjectName(u"womenCard")
        self.womenCardLayout = QVBoxLayout(self.womenCard)
        self.womenCardLayout.setObjectName(u"womenCardLayout")
        self.womenCardLayout.setContentsMargins(12, 6, 12, 6)
        self.womenValue = QLabel(self.womenCard)
        self.womenValue.setObjectName(u"womenValue")
        self.womenValue.setText(u"\u2026")

        self.womenCardLayout.addWidget(self.womenValue)

        self.womenCaption = QLabel(self.womenCard)
        self.womenCaption.setObjectName(u"womenCaption")
        self.womenCaption.setWordWrap(True)

        self.womenCardLayout.addWidget(self.womenCaption)


        self.cards.addWidget(self.womenCard)

        self.trainingsCard = QFrame(self.body)
        self.trainingsCard.setObjectName(u"trainingsCard")
        self.trainingsCardLayout = QVBoxLayout(self.trainingsCard)
        self.trainingsCardLayout.setObjectName(u"trainingsCardLayout")
        self.trainingsCardLayout.setContentsMargins(12, 6, 12, 6)
        self.trainingsValue = QLabel(self.trainingsCard)
        self.trainingsValue.setObjectName(u"trainingsValue")
        self.trainingsValue.setText(u"\u2026")

        self.trainingsCardLayout.addWidget(self.trainingsValue)

        self.trainingsCaption = QLabel(self.trainingsCard)
        self.trainingsCaption.setObjectName(u"trainingsCaption")
        self.trainingsCaption.setWordWrap(True)

        self.trainingsCardLayout.addWidget(self.trainingsCaption)


        self.cards.addWidget(self.trainingsCard)

        self.attendanceCard = QFrame(self.body)
        self.attendanceCard.setObjectName(u"attendanceCard")
        self.attendanceCardLayout = QVBoxLayout(self.attendanceCard)
        self.attendanceCardLayout.setObjectName(u"attendanceCardLayout")
        self.attendanceCardLayout.setContentsMargins(12, 6, 12, 6)
        self.attendanceValue = QLabel(self.attendanceCard)
        self.attendanceValue.setObjectName(u"attendanceValue")
        self.attendanceValue.setText(u"\u2026")

        self.attendanceCardLayout.addWidget(self.attendanceValue)

        self.attendanceCaption = QLabel(self.attendanceCard)
        self.attendanceCaption.setObjectName(u"attendanceCaption")
        self.attendanceCaption.setWordWrap(True)

        self.attendanceCardLayout.addWidget(self.attendanceCaption)


        self.cards.addWidget(self.attendanceCard)

        self.plansCard = QFrame(self.body)
        self.plansCard.setObjectName(u"plansCard")
        self.plansCardLayout = QVBoxLayout(self.plansCard)
        self.plansCardLayout.setObjectName(u"plansCardLayout")
        self.plansCardLayout.setContentsMargins(12, 6, 12, 6)
        self.plansValue = QLabel(self.plansCard)
        self.plansValue.setObjectName(u"plansValue")
        self.plansValue.setText(u"\u2026")

        self.plansCardLayout.addWidget(self.plansValue)

        self.plansCaption = QLabel(self.plansCard)
        self.plansCaption.setObjectName(u"plansCaption")
        self.plansCaption.setWordWrap(True)

        self.plansCardLayout.addWidget(self.plansCaption)


        self.cards.addWidget(self.plansCard)

        self.cards.setStretch(0, 1)
        self.cards.setStretch(1, 1)
        self.cards.setStretch(2, 1)
        self.cards.setStretch(3, 1)
        self.cards.setStretch(4, 1)

        self.bodyLayout.addLayout(self.cards)

        self.charts = QGridLayout()
        self.charts.setObjectName(u"charts")
        self.charts.setHorizontalSpacing(24)
        self.charts.setVerticalSpacing(14)
        self.sexChart = BarChart(self.body)
        self.sexChart.setObjectName(u"sexChart")

        self.charts.addWidget(self.sexChart, 0, 0, 1, 1)

        self.statusChart = BarChart(self.body)
        self.statusChart.setObjectName(u"statusChart")

        self.charts.addWidget(self.statusChart, 0, 1, 1, 1)

        self.sectorChart = BarChart(self.body)
        self.sectorChart.setObjectName(u"sectorChart")

        self.charts.addWidget(self.sectorChart, 1, 0, 1, 1)

        self.phaseChart = BarChart(self.body)
        self.phaseChart.setObjectName(u"phaseChart")

        self.charts.addWidget(self.phaseChart, 1, 1, 1, 1)

        self.charts.setColumnStretch(0, 1)
        self.charts.setColumnStretch(1, 1)

        self.bodyLayout.addLayout(self.charts)

        self.perTitle = QLabel(self.body)
        self.perTitle.setObjectName(u"perTitle")

        self.bodyLayout.addWidget(self.perTitle)

        self.perTable = QTableWidget(self.body)
        if (self.perTable.columnCount() < 7):
            self.perTable.setColumnCount(7)
        __qtablewidgetitem = QTableWidgetItem()
        self.perTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.perTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.perTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.perTable.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.perTable.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.perTable.setHorizontalHeaderItem(5, __qtablewidgetitem5)
        __qtablewidgetitem6 = QTableWidgetItem()
        self.perTable.setHorizontalHeaderItem(6, __qtablewidgetitem6)
        self.perTable.setObjectName(u"perTable")
        self.perTable.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.perTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.perTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.perTable.horizontalHeader().setStretchLastSection(False)
        self.perTable.verticalHeader().setVisible(False)

        self.bodyLayout.addWidget(self.perTable)

        self.bottomSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.bodyLayout.addItem(self.bottomSpace)

        self.bodyLayout.setStretch(6, 1)
        self.scroll.setWidget(self.body)

        self.outer.addWidget(self.scroll)


        self.retranslateUi(DashboardPage)
    # setupUi

    def retranslateUi(self, DashboardPage):
        self.summaryButton.setText(QCoreApplication.translate("DashboardPage", u"Donor summary (PDF)\u2026", None))
        self.membersCaption.setText(QCoreApplication.translate("DashboardPage", u"advisory group members", None))
        self.womenCaption.setText(QCoreApplication.translate("DashboardPage", u"of the members are women", None))
        self.trainingsCaption.setText(QCoreApplication.translate("DashboardPage", u"trainings held", None))
        self.attendanceCaption.setText(QCoreApplication.translate("DashboardPage", u"average attendance, as on the attendance sheets", None))
        self.plansCaption.setText(QCoreApplication.translate("DashboardPage", u"local plans", None))
        self.sexChart.setTitle(QCoreApplication.translate("DashboardPage", u"Members by sex", None))
        self.statusChart.setTitle(QCoreApplication.translate("DashboardPage", u"Plans by status", None))
        self.sectorChart.setTitle(QCoreApplication.translate("DashboardPage", u"Members by sector", None))
        self.phaseChart.setTitle(QCoreApplication.translate("DashboardPage", u"Trainings by phase", None))
        self.perTitle.setText(QCoreApplication.translate("DashboardPage", u"Per community", None))
        ___qtablewidgetitem = self.perTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("DashboardPage", u"Community", None))
        ___qtablewidgetitem1 = self.perTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("DashboardPage", u"Members", None))
        ___qtablewidgetitem2 = self.perTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("DashboardPage", u"Women", None))
        ___qtablewidgetitem3 = self.perTable.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("DashboardPage", u"Trainings", None))
        ___qtablewidgetitem4 = self.perTable.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("DashboardPage", u"Attendance", None))
        ___qtablewidgetitem5 = self.perTable.horizontalHeaderItem(5)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("DashboardPage", u"Plans", None))
        ___qtablewidgetitem6 = self.perTable.horizontalHeaderItem(6)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("DashboardPage", u"Approved plans", None))
        pass
    # retranslateUi

