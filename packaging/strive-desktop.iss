; Inno Setup script: a Windows installer (setup .exe) for the bundle that
; "py dev.py bundle" builds into dist\strive-desktop. See docs/packaging.md.
;
;     "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\strive-desktop.iss
;
; Result: dist\installer\STRIVE-Desktop-Setup-<version>.exe. It installs for the current user
; (no administrator rights needed, as on most ayil okmotu laptops), adds Start menu and
; optional desktop shortcuts, and never touches the data folder
; (%LOCALAPPDATA%\STRIVE\STRIVE Desktop): uninstalling keeps every record.

#define AppName "STRIVE Desktop"
#ifndef AppVersion
  #define AppVersion "0.1.0"  // = strive_desktop.__version__ (tests/packaging checks it)
#endif
#define AppExe "strive-desktop.exe"
#define Bundle "..\dist\strive-desktop"

[Setup]
AppId={{6C1E3B7A-5D1F-4E8B-9A57-2B7C2F3E9D41}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=STRIVE Asia
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist\installer
OutputBaseFilename=STRIVE-Desktop-Setup-{#AppVersion}
SetupIconFile=..\resources\icons\strive.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
DisableProgramGroupPage=yes

[Languages]
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
