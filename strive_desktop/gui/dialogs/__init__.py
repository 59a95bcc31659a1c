"""Dialogs: person, duplicate warning, move to another group, membership history."""
