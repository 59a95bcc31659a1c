"""Sync by file: keys, sealed change packages, export, import/merge, receipts, status.

Pure Python (no Qt). See docs/sync-format.md for the package format.
"""

FORMAT_VERSION = 1
