"""Local-only record of roster imports (never travels as records).

``roster_imports`` lists each import (file, group, who, when, whether it was taken back);
``roster_import_items`` names every record an import created, so that taking the import back
tombstones exactly those records through the ordinary unit of work, and the tombstones travel
like any other change.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, utcnow


class RosterImport(Base):
    __tablename__ = "roster_imports"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    file_name: Mapped[str] = mapped_column(String(300), default="")
    group_id: Mapped[str] = mapped_column(String(36), default="")
    user_name: Mapped[str] = mapped_column(String(200), default="")
    added: Mapped[int] = mapped_column(Integer, default=0)
    matched: Mapped[int] = mapped_column(Integer, default=0)
    refused: Mapped[int] = mapped_column(Integer, default=0)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class RosterImportItem(Base):
    __tablename__ = "roster_import_items"
    import_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)  # people / memberships
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
