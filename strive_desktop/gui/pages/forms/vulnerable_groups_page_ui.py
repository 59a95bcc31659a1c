# Generated from ui/pages/vulnerable_groups_page.ui by ui/build_forms.py (pyside6-uic). Do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'vulnerable_groups_page.ui'
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
    QStackedWidget, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget)

from strive_desktop.gui.widgets.empty_state import EmptyState

class Ui_VulnerableGroupsPage(object):
    def setupUi(self, VulnerableGroupsPage):
        if not VulnerableGroupsPage.objectName():
            VulnerableGroupsPage.setObjectName(u"VulnerableGroupsPage")
        self.mainLayout = QVBoxLayout(VulnerableGroupsPage)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(12, 10, 12, 8)
        self.head = QHBoxLayout()
        self.head.setObjectName(u"head")
        self.title = QLabel(VulnerableGroupsPage)
        self.title.setObjectName(u"title")

        self.head.addWidget(self.title, 0, Qt.AlignmentFlag.AlignBaseline)

        self.titleSpace = QSpacerItem(10, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.head.addItem(self.titleSpace)

        self.subtitle = QLabel(VulnerableGroupsPage)
        self.subtitle.setObjectName(u"subtitle")

        self.head.addWidget(self.subtitle, 0, Qt.AlignmentFlag.AlignBaseline)

        self.addButton = QPushButton(VulnerableGroupsPage)
        self.addButton.setObjectName(u"addButton")

        self.head.addWidget(self.addButton)

        self.editButton = QPushButton(VulnerableGroupsPage)
        self.editButton.setObjectName(u"editButton")

        self.head.addWidget(self.editButton)

        self.deleteButton = QPushButton(VulnerableGroupsPage)
        self.deleteButton.setObjectName(u"deleteButton")

        self.head.addWidget(self.deleteButton)

        self.head.setStretch(2, 1)

        self.mainLayout.addLayout(self.head)

        self.intro = QLabel(VulnerableGroupsPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.mainLayout.addWidget(self.intro)

        self.stack = QStackedWidget(VulnerableGroupsPage)
        self.stack.setObjectName(u"stack")
        self.table = QTableWidget()
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.stack.addWidget(self.table)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setMinimumSectionSize(26)
        self.empty = EmptyState()
        self.empty.setObjectName(u"empty")
        self.stack.addWidget(self.empty)

        self.mainLayout.addWidget(self.stack)

        self.mainLayout.setStretch(2, 1)
        QWidget.setTabOrder(self.addButton, self.editButton)
        QWidget.setTabOrder(self.editButton, self.deleteButton)
        QWidget.setTabOrder(self.deleteButton, self.table)

        self.retranslateUi(VulnerableGroupsPage)
    # setupUi

    def retranslateUi(self, VulnerableGroupsPage):
        self.title.setText(QCoreApplication.translate("VulnerableGroupsPage", u"Vulnerable groups", None))
#if QT_CONFIG(tooltip)
        self.addButton.setToolTip(QCoreApplication.translate("VulnerableGroupsPage", u"Add a vulnerable group (Ctrl+N)", None))
#endif // QT_CONFIG(tooltip)
        self.addButton.setText(QCoreApplication.translate("VulnerableGroupsPage", u"&Add", None))
        self.editButton.setText(QCoreApplication.translate("VulnerableGroupsPage", u"&Edit", None))
        self.deleteButton.setText(QCoreApplication.translate("VulnerableGroupsPage", u"&Delete", None))
        self.intro.setText(QCoreApplication.translate("VulnerableGroupsPage", u"Groups of people the community sees as most at risk of being drawn into violent extremism. The local plan's activities should reach them.", None))
        pass
    # retranslateUi

