; SERM Reference installer for Windows (NSIS 3, Unicode). Built by packaging/build.py:
;   makensis -DVERSION=0.1.0 -DVI_VERSION=0.1.0.0 -DSOURCE_DIR=dist\serm-reference
;            -DOUTFILE=...-setup.exe -DICON=...\serm-reference.ico -DAPP_EXE=serm-reference.exe
;
; Two ways to install:
;   setup.exe                    per user, no administrator rights needed:
;                                %LOCALAPPDATA%\Programs\SERM Reference, Start menu entry and
;                                "Apps & features" entry for this user only (HKCU).
;   setup.exe /S /ALLUSERS       silent, per machine, for clinic IT (run elevated, e.g. from
;                                a deployment tool): %ProgramFiles%\SERM Reference, all users'
;                                Start menu, HKLM. Exit code 740 when not elevated.
;   /D=C:\Some\Folder (last on the command line) chooses another folder in either mode.
;
; It registers the serm:// URL protocol, so another program (an EHR, a teaching page) can
; open a page: serm://compare/vte starts "serm-reference.exe --open serm://compare/vte".
;
; Uninstalling removes exactly what was installed: program files, Start menu entry, the
; Apps & features entry and the serm:// keys. It then asks whether to delete the user's
; settings, bookmarks, notes, history and logs (%LOCALAPPDATA%\SERM Reference\serm-reference); a silent
; uninstall (/S) keeps them. A portable "userdata" folder is never touched.

; 64-bit installer stub by default: Wine without 32-bit support (and 64-bit-only Windows
; setups) cannot start NSIS's default 32-bit one. The official NSIS for Windows ships no
; 64-bit stubs, so a native Windows build passes -DNSIS_TARGET=x86-unicode (the 32-bit
; stub installs the same 64-bit app). Target implies Unicode.
!ifndef NSIS_TARGET
  !define NSIS_TARGET "amd64-unicode"
!endif
Target ${NSIS_TARGET}
ManifestDPIAware true
RequestExecutionLevel user
!ifndef COMPRESSOR
  !define COMPRESSOR "/SOLID lzma"  ; smallest download; a test may pass -DCOMPRESSOR=zlib
!endif
SetCompressor ${COMPRESSOR}

!ifndef VERSION | SOURCE_DIR | OUTFILE | ICON | APP_EXE
  !error "Define VERSION, SOURCE_DIR, OUTFILE, ICON and APP_EXE (packaging/build.py does)."
!endif
!ifndef VI_VERSION
  !define VI_VERSION "${VERSION}.0"
!endif

!define APP_NAME "SERM Reference"
!define APP_KEY "serm-reference"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_KEY}"
!define PROTOCOL_KEY "Software\Classes\serm"
; Qt's AppLocalDataLocation: organisation "SERM Reference", application "serm-reference".
!define USER_DATA_PARENT "SERM Reference"
!define USER_DATA_DIR "${USER_DATA_PARENT}\serm-reference"
!define ERROR_ELEVATION_REQUIRED 740

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

Name "${APP_NAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir ""  ; chosen in .onInit from the install mode, unless /D= was given
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VI_VERSION}"
VIAddVersionKey /LANG=1033 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP_NAME} ${VERSION} installer"
VIAddVersionKey /LANG=1033 "LegalCopyright" "Application code MIT; content proprietary"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Open ${APP_NAME}"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Var AllUsers

Function RequireAdmin
  UserInfo::GetAccountType
  Pop $0
  ${If} $0 != "Admin"
    MessageBox MB_ICONSTOP "Installing for all users needs an elevated (administrator) prompt." /SD IDOK
    SetErrorLevel ${ERROR_ELEVATION_REQUIRED}
    Quit
  ${EndIf}
FunctionEnd

Function .onInit
  SetRegView 64  ; a 64-bit installer: the 64-bit registry, as the 64-bit app reads it
  StrCpy $AllUsers 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/ALLUSERS" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers 1
  ${EndIf}
  ${If} $AllUsers == 1
    Call RequireAdmin
    SetShellVarContext all
    ${If} $INSTDIR == ""
      StrCpy $INSTDIR "$PROGRAMFILES64\${APP_NAME}"
    ${EndIf}
  ${Else}
    SetShellVarContext current
    ${If} $INSTDIR == ""
      StrCpy $INSTDIR "$LOCALAPPDATA\Programs\${APP_NAME}"
    ${EndIf}
  ${EndIf}
FunctionEnd

Section "Install"
  ; An upgrade replaces the bundle as a whole, so no file of an older version lingers.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${SOURCE_DIR}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}"

  ; SHCTX is HKCU per user and HKLM per machine (SetShellVarContext above).
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${APP_NAME} editors"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
  ; serm:// links open a page (SHCTX: per user, or for all users with /ALLUSERS).
  WriteRegStr SHCTX "${PROTOCOL_KEY}" "" "URL:${APP_NAME}"
  WriteRegStr SHCTX "${PROTOCOL_KEY}" "URL Protocol" ""
  WriteRegStr SHCTX "${PROTOCOL_KEY}\DefaultIcon" "" '"$INSTDIR\${APP_EXE}",0'
  WriteRegStr SHCTX "${PROTOCOL_KEY}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" --open "%1"'
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Function un.onInit
  SetRegView 64  ; a 64-bit installer: the 64-bit registry, as the 64-bit app reads it
  ; Installed per machine when HKLM records this folder; then removing it needs admin too.
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 == $INSTDIR
    Call un.RequireAdmin
    SetShellVarContext all
  ${Else}
    SetShellVarContext current
  ${EndIf}
FunctionEnd

Function un.RequireAdmin
  UserInfo::GetAccountType
  Pop $0
  ${If} $0 != "Admin"
    MessageBox MB_ICONSTOP "This copy was installed for all users; remove it from an elevated prompt." /SD IDOK
    SetErrorLevel ${ERROR_ELEVATION_REQUIRED}
    Quit
  ${EndIf}
FunctionEnd

Section "Uninstall"
  ; Only what the installer put here. RMDir without /r keeps the folder if anything else
  ; is in it (e.g. a portable "userdata" folder); user data elsewhere is never touched.
  Delete "$INSTDIR\${APP_EXE}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
  DeleteRegKey SHCTX "${PROTOCOL_KEY}"
  Call un.AskToRemoveUserData
SectionEnd

Function un.AskToRemoveUserData
  ; The user's own work: deleted only on an explicit yes (a silent uninstall answers no).
  SetShellVarContext current
  IfFileExists "$LOCALAPPDATA\${USER_DATA_DIR}\*.*" 0 done
  MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 \
    "Also delete your SERM Reference bookmarks, notes, history and settings?$\n$\n$LOCALAPPDATA\${USER_DATA_DIR}" \
    /SD IDNO IDNO done
  RMDir /r "$LOCALAPPDATA\${USER_DATA_DIR}"
  RMDir "$LOCALAPPDATA\${USER_DATA_PARENT}"  ; only if nothing else is in it
  done:
FunctionEnd
