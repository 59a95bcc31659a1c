"""The main window opens on a field office's data folder and shows its pages."""

from __future__ import annotations


def test_window_lists_the_pages_and_shows_the_folder(window):
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[:3] == ["Dashboard", "Advisory group", "People"]
    assert "Settings" in titles
    assert str(window.data_dir) in window.folder_status.text()
