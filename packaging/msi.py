"""The per-machine ``.msi`` for IT departments (Group Policy, Intune, SCCM), made with wixl.

Deployment tools want an MSI: silent with ``msiexec /qn``, per machine, and an
upgrade that replaces the old version in place (``MajorUpgrade`` with one
fixed ``UPGRADE_CODE``). The WiX 3 source is generated from the bundle's file
list, one component per file, with GUIDs derived from the file's path
(``uuid5``), so the same path keeps the same component across versions, as
Windows Installer's component rules want, and two builds give the same source.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import uuid
from pathlib import Path
from xml.sax.saxutils import quoteattr

from archives import tree
from project import DISPLAY_NAME, NAME

# Never change: Windows Installer recognises earlier versions of the product by it.
UPGRADE_CODE = "6B2C3E0A-5D7F-4E51-9A4B-2F0D8C1E7A93"
_NAMESPACE = uuid.UUID(UPGRADE_CODE)
MANUFACTURER = "SERM Reference editors"


def _guid(key: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, key)).upper()


def _id(prefix: str, key: str) -> str:
    """A WiX identifier (letters, digits, dots, underscores; at most 72 characters)."""
    return f"{prefix}_{hashlib.sha1(key.encode()).hexdigest()[:20]}"


def msi_version(version: str) -> str:
    """Windows Installer versions are three dotted numbers, each under 256 for the first two."""
    numbers = [int(part) for part in version.replace("-", ".").split(".") if part.isdigit()][:3]
    return ".".join(map(str, numbers + [0] * (3 - len(numbers))))


def wix_source(onedir: Path, version: str, icon: Path, base: Path) -> str:
    """The WiX 3 document installing ``onedir`` under Program Files.

    wixl accepts only relative ``Source`` paths: they are relative to ``base``,
    the folder it runs in.
    """
    files_in: dict[Path, list[Path]] = {}
    for path in tree(onedir):
        if path.is_file():
            files_in.setdefault(path.parent, []).append(path)
    folders = {onedir} | {p for f in files_in for p in (f, *f.parents) if onedir in p.parents}
    exe = onedir / f"{NAME}.exe"
    lines: list[str] = []
    component_ids: list[str] = []

    def emit_directory(folder: Path, indent: str) -> None:
        for file in files_in.get(folder, []):
            relative = file.relative_to(onedir).as_posix()
            component = _id("c", relative)
            component_ids.append(component)
            file_id = "MainExe" if file == exe else _id("f", relative)
            lines.append(
                f'{indent}<Component Id="{component}" Guid="{_guid(relative)}" Win64="yes">'
            )
            lines.append(
                f'{indent}  <File Id="{file_id}" Name={quoteattr(file.name)}'
                f' Source={quoteattr(os.path.relpath(file, base))} KeyPath="yes"/>'
            )
            lines.append(f"{indent}</Component>")
        for child in sorted(p for p in folders if p.parent == folder):
            relative = child.relative_to(onedir).as_posix()
            lines.append(
                f'{indent}<Directory Id="{_id("d", relative)}" Name={quoteattr(child.name)}>'
            )
            emit_directory(child, indent + "  ")
            lines.append(f"{indent}</Directory>")

    emit_directory(onedir, "          ")
    files = "\n".join(lines)
    references = "\n".join(f'      <ComponentRef Id="{c}"/>' for c in component_ids)
    command = f'"[INSTALLDIR]{NAME}.exe" --open "%1"'
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="*" Name="{DISPLAY_NAME}" Language="1033" Version="{msi_version(version)}"
           Manufacturer="{MANUFACTURER}" UpgradeCode="{UPGRADE_CODE}">
    <Package InstallerVersion="500" Compressed="yes" InstallScope="perMachine"
             Description="{DISPLAY_NAME} {version}"/>
    <MajorUpgrade DowngradeErrorMessage="A newer version of {DISPLAY_NAME} is installed."/>
    <Media Id="1" Cabinet="app.cab" EmbedCab="yes"/>
    <Icon Id="AppIcon.ico" SourceFile={quoteattr(os.path.relpath(icon, base))}/>
    <Property Id="ARPPRODUCTICON" Value="AppIcon.ico"/>
    <Property Id="ARPNOMODIFY" Value="1"/>
    <Property Id="ARPNOREPAIR" Value="1"/>
    <Directory Id="TARGETDIR" Name="SourceDir">
      <Directory Id="ProgramFiles64Folder">
        <Directory Id="INSTALLDIR" Name="{DISPLAY_NAME}">
{files}
        </Directory>
      </Directory>
      <Directory Id="ProgramMenuFolder">
        <Component Id="StartMenu" Guid="{_guid("start-menu")}" Win64="yes">
          <Shortcut Id="StartMenuShortcut" Name="{DISPLAY_NAME}" Target="[INSTALLDIR]{NAME}.exe"
                    WorkingDirectory="INSTALLDIR"/>
          <RegistryValue Root="HKLM" Key="Software\\{DISPLAY_NAME}" Name="StartMenu"
                         Type="integer" Value="1" KeyPath="yes"/>
        </Component>
      </Directory>
    </Directory>
    <DirectoryRef Id="TARGETDIR">
      <Component Id="UrlProtocol" Guid="{_guid("serm-protocol")}" Win64="yes">
        <RegistryValue Root="HKLM" Key="Software\\Classes\\serm" Type="string"
                       Value="URL:{DISPLAY_NAME}" KeyPath="yes"/>
        <RegistryValue Root="HKLM" Key="Software\\Classes\\serm" Name="URL Protocol"
                       Type="string" Value=""/>
        <RegistryValue Root="HKLM" Key="Software\\Classes\\serm\\DefaultIcon" Type="string"
                       Value="[INSTALLDIR]{NAME}.exe,0"/>
        <RegistryValue Root="HKLM" Key="Software\\Classes\\serm\\shell\\open\\command"
                       Type="string" Value={quoteattr(command)}/>
      </Component>
    </DirectoryRef>
    <Feature Id="Main" Level="1" Title="{DISPLAY_NAME}">
{references}
      <ComponentRef Id="StartMenu"/>
      <ComponentRef Id="UrlProtocol"/>
    </Feature>
  </Product>
</Wix>
"""


def make_msi(onedir: Path, version: str, icon: Path, work: Path, target: Path) -> Path:
    """Write the WiX source to ``work`` and build ``target`` with wixl (x64)."""
    work.mkdir(parents=True, exist_ok=True)
    source = work / f"{NAME}.wxs"
    source.write_text(wix_source(onedir, version, icon, work), encoding="utf-8")
    target.unlink(missing_ok=True)
    subprocess.run(
        ["wixl", "--arch", "x64", "--output", str(target), str(source)],
        check=True,
        capture_output=True,
        text=True,
        cwd=work,
    )
    return target
