"""Spreadsheets in and out: reading XLSX/CSV tables, roster import, list exports."""
