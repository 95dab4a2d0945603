"""Authenticode signatures for the Windows files, with ``osslsigncode`` on Linux.

Unsigned installers meet SmartScreen's "unknown publisher" wall and are
blocked outright by many clinic IT policies. A release signs with the owners'
code-signing certificate: set ``SERM_SIGN_PKCS12`` (a ``.pfx``/``.p12`` file),
``SERM_SIGN_PASSWORD`` (its password, if any) and, for a signature that stays
valid after the certificate expires, ``SERM_SIGN_TIMESTAMP_URL`` (the CA's RFC
3161 time-stamp server). Without them the build makes a throw-away test CA and
certificate, signs with that, and verifies every signature against the test
CA: the whole signing path is exercised on every build, though Windows itself
will not trust the test certificate.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

PUBLISHER = "SERM Reference editors"


class SigningError(RuntimeError):
    """Signing or verifying failed; the message carries osslsigncode's output."""


@dataclass(frozen=True)
class Signer:
    """What osslsigncode signs with, and the CA file that verifies the result."""

    arguments: tuple[str, ...]
    ca_file: Path | None
    test_certificate: bool


def release_signer() -> Signer | None:
    """The owners' certificate from the environment, when a release build sets it."""
    pkcs12 = os.environ.get("SERM_SIGN_PKCS12")
    if not pkcs12:
        return None
    arguments = ["-pkcs12", pkcs12]
    if os.environ.get("SERM_SIGN_PASSWORD"):
        arguments += ["-pass", os.environ["SERM_SIGN_PASSWORD"]]
    if os.environ.get("SERM_SIGN_TIMESTAMP_URL"):
        arguments += ["-ts", os.environ["SERM_SIGN_TIMESTAMP_URL"]]
    return Signer(tuple(arguments), None, test_certificate=False)


def test_signer(folder: Path) -> Signer:
    """A fresh test CA and a code-signing certificate it issued (openssl, ~1 s)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    ca_key, ca_cert = folder / "test-ca.key", folder / "test-ca.pem"
    key, request, cert = folder / "signing.key", folder / "signing.csr", folder / "signing.pem"
    extensions = folder / "signing.ext"
    extensions.write_text(
        "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
        "extendedKeyUsage=codeSigning\n",
        encoding="utf-8",
    )
    openssl = ["openssl"]
    _run(
        [
            *openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:3072",
            "-nodes",
            "-days",
            "30",
            "-subj",
            f"/CN={PUBLISHER} TEST CA (not for release)",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
            "-keyout",
            str(ca_key),
            "-out",
            str(ca_cert),
        ]
    )
    _run(
        [
            *openssl,
            "req",
            "-newkey",
            "rsa:3072",
            "-nodes",
            "-subj",
            f"/CN={PUBLISHER} (TEST certificate)",
            "-keyout",
            str(key),
            "-out",
            str(request),
        ]
    )
    _run(
        [
            *openssl,
            "x509",
            "-req",
            "-in",
            str(request),
            "-CA",
            str(ca_cert),
            "-CAkey",
            str(ca_key),
            "-CAcreateserial",
            "-days",
            "30",
            "-extfile",
            str(extensions),
            "-out",
            str(cert),
        ]
    )
    return Signer(("-certs", str(cert), "-key", str(key)), ca_cert, test_certificate=True)


def sign(path: Path, signer: Signer, description: str, url: str = "") -> None:
    """Sign ``path`` in place (SHA-256), naming the program as Windows will show it."""
    signed = path.with_name(path.name + ".signed")
    signed.unlink(missing_ok=True)
    command = ["osslsigncode", "sign", *signer.arguments, "-h", "sha256", "-n", description]
    if url:
        command += ["-i", url]
    _run([*command, "-in", str(path), "-out", str(signed)])
    signed.replace(path)


def verify(path: Path, signer: Signer) -> str:
    """osslsigncode's verdict on ``path``; raises unless the signature checks out."""
    command = ["osslsigncode", "verify", "-in", str(path)]
    if signer.ca_file is not None:
        command += ["-CAfile", str(signer.ca_file)]
    output = _run(command)
    if "Signature verification: ok" not in output:
        raise SigningError(f"{path.name}: signature not verified\n{output}")
    return output


def _run(command: list[str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SigningError(
            f"{' '.join(command[:2])} failed (exit {result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return result.stdout + result.stderr
