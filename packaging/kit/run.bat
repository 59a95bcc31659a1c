@echo off
rem Start STRIVE Desktop installed by install.bat; arguments go to the app
rem (e.g. run.bat --data-dir E:\strive). The window opens without a console window.
start "" "%~dp0venv\Scripts\strive-desktop-window.exe" %*
