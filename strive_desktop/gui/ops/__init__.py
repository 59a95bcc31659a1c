"""The operations layer: every service call the window makes goes through :class:`Ops`.

``ops.run`` calls a quick service on the GUI thread, ``ops.batch`` runs a long one (sync
export and import, certificates, backups, reports) in a worker thread behind a progress
dialog with Cancel, ``ops.submit`` runs a short one on a worker thread without a dialog
(the plan autosave, the dashboard's figures; :mod:`.pending`); all turn failures into the
one message style (a ``UserError`` shown plainly, anything else logged and apologised for)
and broadcast :class:`Changes`, the
tables the action's committed transactions wrote, as the store saw them.
"""

from .changes import EVERYTHING, Changes, Table
from .pending import Pending
from .runner import Job, Ops, run_in_background

__all__ = ["EVERYTHING", "Changes", "Job", "Ops", "Pending", "Table", "run_in_background"]
