# Generated from ui/summary_options_dialog.ui by ui/build_forms.py (pyside6-uic). Do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'summary_options_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
    QHBoxLayout, QLabel, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_SummaryOptions(object):
    def setupUi(self, SummaryOptions):
        if not SummaryOptions.objectName():
            SummaryOptions.setObjectName(u"SummaryOptions")
        SummaryOptions.setMinimumSize(QSize(460, 0))
        self.mainLayout = QVBoxLayout(SummaryOptions)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(6)
        self.periodLabel = QLabel(SummaryOptions)
        self.periodLabel.setObjectName(u"periodLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.periodLabel)

        self.allDates = QCheckBox(SummaryOptions)
        self.allDates.setObjectName(u"allDates")
        self.allDates.setChecked(True)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.allDates)

        self.period = QHBoxLayout()
        self.period.setSpacing(8)
        self.period.setObjectName(u"period")
        self.dateFrom = QDateEdit(SummaryOptions)
        self.dateFrom.setObjectName(u"dateFrom")
        self.dateFrom.setEnabled(False)
        self.dateFrom.setMinimumSize(QSize(120, 0))
        self.dateFrom.setDisplayFormat(u"dd.MM.yyyy")
        self.dateFrom.setCalendarPopup(True)

        self.period.addWidget(self.dateFrom)

        self.periodTo = QLabel(SummaryOptions)
        self.periodTo.setObjectName(u"periodTo")
        self.periodTo.setText(u"\u2013")

        self.period.addWidget(self.periodTo)

        self.dateTo = QDateEdit(SummaryOptions)
        self.dateTo.setObjectName(u"dateTo")
        self.dateTo.setEnabled(False)
        self.dateTo.setMinimumSize(QSize(120, 0))
        self.dateTo.setDisplayFormat(u"dd.MM.yyyy")
        self.dateTo.setCalendarPopup(True)

        self.period.addWidget(self.dateTo)

        self.periodSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.period.addItem(self.periodSpacer)


        self.form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.period)

        self.communityLabel = QLabel(SummaryOptions)
        self.communityLabel.setObjectName(u"communityLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.communityLabel)

        self.community = QComboBox(SummaryOptions)
        self.community.setObjectName(u"community")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.community)

        self.languageLabel = QLabel(SummaryOptions)
        self.languageLabel.setObjectName(u"languageLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.languageLabel)

        self.language = QComboBox(SummaryOptions)
        self.language.setObjectName(u"language")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.language)


        self.mainLayout.addLayout(self.form)

        self.buttons = QDialogButtonBox(SummaryOptions)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.periodLabel.setBuddy(self.allDates)
        self.communityLabel.setBuddy(self.community)
        self.languageLabel.setBuddy(self.language)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.allDates, self.dateFrom)
        QWidget.setTabOrder(self.dateFrom, self.dateTo)
        QWidget.setTabOrder(self.dateTo, self.community)
        QWidget.setTabOrder(self.community, self.language)
        QWidget.setTabOrder(self.language, self.buttons)

        self.retranslateUi(SummaryOptions)
    # setupUi

    def retranslateUi(self, SummaryOptions):
        SummaryOptions.setWindowTitle(QCoreApplication.translate("SummaryOptions", u"Donor summary", None))
        self.periodLabel.setText(QCoreApplication.translate("SummaryOptions", u"&Period:", None))
        self.allDates.setText(QCoreApplication.translate("SummaryOptions", u"All dates", None))
        self.communityLabel.setText(QCoreApplication.translate("SummaryOptions", u"&Community:", None))
        self.languageLabel.setText(QCoreApplication.translate("SummaryOptions", u"&Language of the PDF:", None))
    # retranslateUi

