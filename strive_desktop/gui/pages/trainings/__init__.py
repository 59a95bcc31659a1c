"""The Trainings page, in parts: see :mod:`.page`."""

from .attendance_view import AttendanceView, CheckDelegate
from .page import TrainingsPage

__all__ = ["AttendanceView", "CheckDelegate", "TrainingsPage"]
