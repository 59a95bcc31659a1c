@echo off
rem STRIVE Desktop offline kit: install from the wheels in this folder only (no internet needed).
rem Needs Python @PYVER@ from python.org (the "py" launcher). Creates venv\ next to this file.
setlocal
set "KIT=%~dp0"
py -@PYVER@ -m venv "%KIT%venv" || goto :nopython
"%KIT%venv\Scripts\python.exe" -m pip install --no-index --find-links "%KIT%wheels" strive-desktop || goto :failed
echo.
echo STRIVE Desktop is installed. Start it with run.bat
pause
exit /b 0
:nopython
echo Python @PYVER@ is needed (the kit was made for it): install it from the python.org installer, then run install.bat again.
pause
exit /b 1
:failed
echo The installation failed; the messages above say why.
pause
exit /b 1
