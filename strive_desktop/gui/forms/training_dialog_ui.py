# Generated from ui/training_dialog.ui by ui/build_forms.py (pyside6-uic). Do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'training_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

class Ui_TrainingDialog(object):
    def setupUi(self, TrainingDialog):
        if not TrainingDialog.objectName():
            TrainingDialog.setObjectName(u"TrainingDialog")
        TrainingDialog.resize(640, 580)
        TrainingDialog.setMinimumSize(QSize(600, 520))
        self.mainLayout = QVBoxLayout(TrainingDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(6)
        self.communityLabel = QLabel(TrainingDialog)
        self.communityLabel.setObjectName(u"communityLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.communityLabel)

        self.community = QComboBox(TrainingDialog)
        self.community.setObjectName(u"community")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.community)

        self.communityError = QLabel(TrainingDialog)
        self.communityError.setObjectName(u"communityError")
        self.communityError.setWordWrap(True)
        self.communityError.setVisible(False)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.communityError)

        self.phaseLabel = QLabel(TrainingDialog)
        self.phaseLabel.setObjectName(u"phaseLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.phaseLabel)

        self.phase = QComboBox(TrainingDialog)
        self.phase.setObjectName(u"phase")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.phase)

        self.phaseError = QLabel(TrainingDialog)
        self.phaseError.setObjectName(u"phaseError")
        self.phaseError.setWordWrap(True)
        self.phaseError.setVisible(False)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.phaseError)

        self.titleLabel = QLabel(TrainingDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.title = QLineEdit(TrainingDialog)
        self.title.setObjectName(u"title")
        self.title.setMaxLength(300)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.title)

        self.titleError = QLabel(TrainingDialog)
        self.titleError.setObjectName(u"titleError")
        self.titleError.setWordWrap(True)
        self.titleError.setVisible(False)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.titleError)

        self.titleRuLabel = QLabel(TrainingDialog)
        self.titleRuLabel.setObjectName(u"titleRuLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.titleRuLabel)

        self.titleRu = QLineEdit(TrainingDialog)
        self.titleRu.setObjectName(u"titleRu")
        self.titleRu.setMaxLength(300)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.titleRu)

        self.titleRuError = QLabel(TrainingDialog)
        self.titleRuError.setObjectName(u"titleRuError")
        self.titleRuError.setWordWrap(True)
        self.titleRuError.setVisible(False)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.titleRuError)

        self.titleEnLabel = QLabel(TrainingDialog)
        self.titleEnLabel.setObjectName(u"titleEnLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.titleEnLabel)

        self.titleEn = QLineEdit(TrainingDialog)
        self.titleEn.setObjectName(u"titleEn")
        self.titleEn.setMaxLength(300)

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.titleEn)

        self.titleEnError = QLabel(TrainingDialog)
        self.titleEnError.setObjectName(u"titleEnError")
        self.titleEnError.setWordWrap(True)
        self.titleEnError.setVisible(False)

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.titleEnError)

        self.venueLabel = QLabel(TrainingDialog)
        self.venueLabel.setObjectName(u"venueLabel")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.venueLabel)

        self.venue = QLineEdit(TrainingDialog)
        self.venue.setObjectName(u"venue")
        self.venue.setMaxLength(300)

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.venue)

        self.trainersLabel = QLabel(TrainingDialog)
        self.trainersLabel.setObjectName(u"trainersLabel")

        self.form.setWidget(11, QFormLayout.ItemRole.LabelRole, self.trainersLabel)

        self.trainers = QLineEdit(TrainingDialog)
        self.trainers.setObjectName(u"trainers")
        self.trainers.setMaxLength(300)

        self.form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.trainers)

        self.sessionsLabel = QLabel(TrainingDialog)
        self.sessionsLabel.setObjectName(u"sessionsLabel")

        self.form.setWidget(12, QFormLayout.ItemRole.LabelRole, self.sessionsLabel)

        self.sessionsLayout = QVBoxLayout()
        self.sessionsLayout.setSpacing(6)
        self.sessionsLayout.setObjectName(u"sessionsLayout")
        self.sessions = QTableWidget(TrainingDialog)
        if (self.sessions.columnCount() < 2):
            self.sessions.setColumnCount(2)
        __qtablewidgetitem = QTableWidgetItem()
        self.sessions.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.sessions.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        self.sessions.setObjectName(u"sessions")
        self.sessions.setMinimumSize(QSize(0, 160))
        self.sessions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sessions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sessions.setColumnCount(2)

        self.sessionsLayout.addWidget(self.sessions)

        self.sessionButtons = QHBoxLayout()
        self.sessionButtons.setSpacing(6)
        self.sessionButtons.setObjectName(u"sessionButtons")
        self.addSession = QPushButton(TrainingDialog)
        self.addSession.setObjectName(u"addSession")
        self.addSession.setAutoDefault(False)

        self.sessionButtons.addWidget(self.addSession)

        self.removeSession = QPushButton(TrainingDialog)
        self.removeSession.setObjectName(u"removeSession")
        self.removeSession.setAutoDefault(False)

        self.sessionButtons.addWidget(self.removeSession)

        self.sessionSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.sessionButtons.addItem(self.sessionSpacer)


        self.sessionsLayout.addLayout(self.sessionButtons)


        self.form.setLayout(12, QFormLayout.ItemRole.FieldRole, self.sessionsLayout)

        self.sessionsError = QLabel(TrainingDialog)
        self.sessionsError.setObjectName(u"sessionsError")
        self.sessionsError.setWordWrap(True)
        self.sessionsError.setVisible(False)

        self.form.setWidget(13, QFormLayout.ItemRole.FieldRole, self.sessionsError)


        self.mainLayout.addLayout(self.form)

        self.buttons = QDialogButtonBox(TrainingDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.communityLabel.setBuddy(self.community)
        self.phaseLabel.setBuddy(self.phase)
        self.titleLabel.setBuddy(self.title)
        self.titleRuLabel.setBuddy(self.titleRu)
        self.titleEnLabel.setBuddy(self.titleEn)
        self.venueLabel.setBuddy(self.venue)
        self.trainersLabel.setBuddy(self.trainers)
        self.sessionsLabel.setBuddy(self.sessions)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.community, self.phase)
        QWidget.setTabOrder(self.phase, self.title)
        QWidget.setTabOrder(self.title, self.titleRu)
        QWidget.setTabOrder(self.titleRu, self.titleEn)
        QWidget.setTabOrder(self.titleEn, self.venue)
        QWidget.setTabOrder(self.venue, self.trainers)
        QWidget.setTabOrder(self.trainers, self.sessions)
        QWidget.setTabOrder(self.sessions, self.addSession)
        QWidget.setTabOrder(self.addSession, self.removeSession)
        QWidget.setTabOrder(self.removeSession, self.buttons)

        self.retranslateUi(TrainingDialog)
    # setupUi

    def retranslateUi(self, TrainingDialog):
        TrainingDialog.setWindowTitle(QCoreApplication.translate("TrainingDialog", u"Training", None))
        self.communityLabel.setText(QCoreApplication.translate("TrainingDialog", u"&Community:", None))
        self.phaseLabel.setText(QCoreApplication.translate("TrainingDialog", u"&Phase:", None))
        self.titleLabel.setText(QCoreApplication.translate("TrainingDialog", u"&Title:", None))
        self.title.setPlaceholderText(QCoreApplication.translate("TrainingDialog", u"e.g. Basics of violent extremism for the advisory group", None))
        self.titleRuLabel.setText(QCoreApplication.translate("TrainingDialog", u"Title in R&ussian:", None))
        self.titleRu.setPlaceholderText(QCoreApplication.translate("TrainingDialog", u"optional: for certificates and sheets in Russian", None))
        self.titleEnLabel.setText(QCoreApplication.translate("TrainingDialog", u"Title in &English:", None))
        self.titleEn.setPlaceholderText(QCoreApplication.translate("TrainingDialog", u"optional: for certificates and sheets in English", None))
        self.venueLabel.setText(QCoreApplication.translate("TrainingDialog", u"&Venue:", None))
        self.trainersLabel.setText(QCoreApplication.translate("TrainingDialog", u"T&rainers:", None))
        self.trainers.setPlaceholderText(QCoreApplication.translate("TrainingDialog", u"Names, separated by commas", None))
        self.sessionsLabel.setText(QCoreApplication.translate("TrainingDialog", u"Sessi&ons:", None))
        ___qtablewidgetitem = self.sessions.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("TrainingDialog", u"Date", None))
        ___qtablewidgetitem1 = self.sessions.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("TrainingDialog", u"Hours", None))
        self.addSession.setText(QCoreApplication.translate("TrainingDialog", u"&Add session", None))
        self.removeSession.setText(QCoreApplication.translate("TrainingDialog", u"Re&move session", None))
    # retranslateUi

