"""The Local plans page, in parts: see :mod:`.page`."""

from .common import revision_note
from .page import PlansPage

__all__ = ["PlansPage", "revision_note"]
