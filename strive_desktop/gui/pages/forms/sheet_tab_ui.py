# Generated from ui/pages/sheet_tab.ui by ui/build_forms.py (pyside6-uic). Do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sheet_tab.ui'
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
from PySide6.QtWidgets import (QApplication, QHeaderView, QLabel, QPushButton,
    QSizePolicy, QVBoxLayout, QWidget)

from strive_desktop.gui.pages.trainings.attendance_view import AttendanceView
from strive_desktop.gui.widgets.undo_bar import UndoBar

class Ui_SheetTab(object):
    def setupUi(self, SheetTab):
        if not SheetTab.objectName():
            SheetTab.setObjectName(u"SheetTab")
        self.mainLayout = QVBoxLayout(SheetTab)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(6, 6, 6, 6)
        self.summary = QLabel(SheetTab)
        self.summary.setObjectName(u"summary")
        self.summary.setWordWrap(True)

        self.mainLayout.addWidget(self.summary)

        self.buttonRow = QWidget(SheetTab)
        self.buttonRow.setObjectName(u"buttonRow")
        self.walkInButton = QPushButton(self.buttonRow)
        self.walkInButton.setObjectName(u"walkInButton")
        self.removeWalkInButton = QPushButton(self.buttonRow)
        self.removeWalkInButton.setObjectName(u"removeWalkInButton")
        self.printSheetButton = QPushButton(self.buttonRow)
        self.printSheetButton.setObjectName(u"printSheetButton")
        self.certificatesButton = QPushButton(self.buttonRow)
        self.certificatesButton.setObjectName(u"certificatesButton")

        self.mainLayout.addWidget(self.buttonRow)

        self.view = AttendanceView(SheetTab)
        self.view.setObjectName(u"view")

        self.mainLayout.addWidget(self.view)

        self.UndoBar = UndoBar(SheetTab)
        self.UndoBar.setObjectName(u"UndoBar")

        self.mainLayout.addWidget(self.UndoBar)

        self.keysHint = QLabel(SheetTab)
        self.keysHint.setObjectName(u"keysHint")
        self.keysHint.setWordWrap(True)

        self.mainLayout.addWidget(self.keysHint)

        self.mainLayout.setStretch(2, 1)
        QWidget.setTabOrder(self.walkInButton, self.removeWalkInButton)
        QWidget.setTabOrder(self.removeWalkInButton, self.printSheetButton)
        QWidget.setTabOrder(self.printSheetButton, self.certificatesButton)
        QWidget.setTabOrder(self.certificatesButton, self.view)

        self.retranslateUi(SheetTab)
    # setupUi

    def retranslateUi(self, SheetTab):
#if QT_CONFIG(tooltip)
        self.walkInButton.setToolTip(QCoreApplication.translate("SheetTab", u"Someone not in the group came (Ctrl+Enter in the sheet)", None))
#endif // QT_CONFIG(tooltip)
        self.walkInButton.setText(QCoreApplication.translate("SheetTab", u"Add &walk-in\u2026", None))
#if QT_CONFIG(tooltip)
        self.removeWalkInButton.setToolTip(QCoreApplication.translate("SheetTab", u"Take the selected walk-in off this sheet, e.g. added by mistake (Delete in the sheet)", None))
#endif // QT_CONFIG(tooltip)
        self.removeWalkInButton.setText(QCoreApplication.translate("SheetTab", u"Re&move walk-in", None))
        self.printSheetButton.setText(QCoreApplication.translate("SheetTab", u"&Print attendance sheet", None))
#if QT_CONFIG(tooltip)
        self.certificatesButton.setToolTip(QCoreApplication.translate("SheetTab", u"Print certificates for those who completed the training", None))
#endif // QT_CONFIG(tooltip)
        self.certificatesButton.setText(QCoreApplication.translate("SheetTab", u"&Certificates", None))
        self.keysHint.setText(QCoreApplication.translate("SheetTab", u"Keyboard: arrows or Enter move \u00b7 Space ticks or unticks (saved at once) \u00b7 type a name to jump to it \u00b7 Ctrl+Enter adds a walk-in \u00b7 Delete removes a walk-in", None))
        pass
    # retranslateUi

