; Inno Setup script: the Windows installer of lecturer_app ("Ngân hàng bài giảng").
; Built by .github/workflows/windows.yml after build.spec has made dist\lecturer-app\ ; by hand:
;   iscc /DAppVersion=0.1.0 packaging\windows\lecturer-app.iss
; docs/packaging.md explains each choice.  Saved as UTF-8 with a byte-order mark, which Inno Setup 6
; needs to read the Vietnamese names.
;
; - Per-user install without administrator rights (PrivilegesRequired=lowest): the app goes to
;   %LOCALAPPDATA%\Programs\Ngân hàng bài giảng, shortcuts and the .lbb association to the user's own
;   Start menu, desktop and HKCU\Software\Classes.
; - The lecturer's data (%LOCALAPPDATA%\lecturer_app, or another folder chosen in the app) is never in
;   the installation folder, and the uninstaller deletes only what the installer wrote: the data stays.
; - Answer-sheet scanning (OpenCV, numpy, PDFium: dist\lecturer-app-scan-addon\, made by
;   packaging\scan_addon.py from the environment the app was frozen from) is an optional component,
;   off by default, installed into {app}\scan-addon, where the app looks for it.  Left out of the
;   script when that folder was not built.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Ngân hàng bài giảng"
#define AppExe "lecturer-app.exe"
#define BundleClass "LecturerApp.SyncBundle"
#define ScanAddon AddBackslash(SourcePath) + "..\..\dist\lecturer-app-scan-addon"

[Setup]
; The AppId identifies the installation for upgrades and the uninstaller: never change it.
AppId={{6C1E3F52-4B7A-4E49-9C1D-2F7B8A90D4E1}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=lecturer_app
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir=..\..\dist
OutputBaseFilename=lecturer-app-{#AppVersion}-windows-setup
SetupIconFile=lecturer-app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
; Inno Setup ships no official Vietnamese catalogue: the wizard's own texts are Vietnamese when the
; unofficial Vietnamese.isl lies beside this script (the workflow fetches it), else English.  The
; names below (app, shortcuts, tasks) are Vietnamese either way.
#if FileExists(AddBackslash(SourcePath) + "Vietnamese.isl")
Name: "vi"; MessagesFile: "Vietnamese.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
DesktopIcon=Tạo biểu tượng trên màn hình nền
ShortcutGroup=Biểu tượng:
Associate=Mở gói đồng bộ (.lbb) bằng {#AppName}
BundleType=Gói đồng bộ Ngân hàng bài giảng
LaunchApp=Mở {#AppName}
TypeApp=Ứng dụng (không đọc phiếu trả lời quét)
TypeFull=Ứng dụng và phần đọc phiếu trả lời quét
TypeCustom=Tự chọn
ComponentApp={#AppName}
ComponentScan=Đọc phiếu trả lời quét (thêm khoảng 250 MB)

#if DirExists(ScanAddon)
[Types]
; The first type is the default: the app alone, which stays within the size the app is budgeted for
; (docs/packaging.md).  A lecturer who scans answer sheets ticks the component, now or later by
; running the installer again (it remembers the components chosen before).
Name: "app"; Description: "{cm:TypeApp}"
Name: "full"; Description: "{cm:TypeFull}"
Name: "custom"; Description: "{cm:TypeCustom}"; Flags: iscustom

[Components]
Name: "app"; Description: "{cm:ComponentApp}"; Types: app full custom; Flags: fixed
Name: "scan"; Description: "{cm:ComponentScan}"; Types: full
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:ShortcutGroup}"
Name: "associate"; Description: "{cm:Associate}"; GroupDescription: "{cm:ShortcutGroup}"

[Files]
; The whole one-folder build: lecturer-app.exe (windowed), lecturer-app-cli.exe (console), _internal\.
Source: "..\..\dist\lecturer-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
#if DirExists(ScanAddon)
; The scan add-on, where lecturer_app/importers/omr/addon.py looks: scan-addon\ beside the executables.
Source: "..\..\dist\lecturer-app-scan-addon\*"; DestDir: "{app}\scan-addon"; Components: scan; Flags: ignoreversion recursesubdirs createallsubdirs
#endif

[InstallDelete]
; An upgrade replaces the program files wholesale, so no library of the old version lingers.
Type: filesandordirs; Name: "{app}\_internal"
; The same for the scan add-on (its libraries must match this version's Python); installed again when
; the component is ticked, gone when it is not.
Type: filesandordirs; Name: "{app}\scan-addon"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; Per-user file association for sync bundles (HKA is HKCU in a per-user install).
Root: HKA; Subkey: "Software\Classes\.lbb"; ValueType: string; ValueName: ""; ValueData: "{#BundleClass}"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.lbb\OpenWithProgids"; ValueType: string; ValueName: "{#BundleClass}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#BundleClass}"; ValueType: string; ValueName: ""; ValueData: "{cm:BundleType}"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#BundleClass}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#BundleClass}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: associate

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes exactly the files above, never the data folder.
