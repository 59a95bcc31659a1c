"""STRIVE Desktop: offline data entry for the STRIVE Asia community prevention programme."""

__version__ = "0.1.0"
APP_NAME = "STRIVE Desktop"
