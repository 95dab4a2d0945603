"""Ed25519 keys and signatures, through PyNaCl (libsodium): no home-made crypto.

Keys are stored as standard PEM (PKCS#8 private, SubjectPublicKeyInfo public),
the same bytes ``openssl genpkey -algorithm ed25519`` writes, so the owners can
make and use the real key with OpenSSL or a hardware token on an offline
machine. Only the fixed ASN.1 wrapping of a 32-byte Ed25519 key is handled
here; every cryptographic operation is libsodium's.
"""

from __future__ import annotations

import base64
import binascii
from typing import NamedTuple

from desktop_app.content.database import new_sha256

# DER prefixes of an Ed25519 key (RFC 8410): everything before the 32 key bytes.
_PUBLIC_PREFIX = bytes.fromhex("302a300506032b6570032100")
_PRIVATE_PREFIX = bytes.fromhex("302e020100300506032b657004220420")
_PUBLIC_LABEL = "PUBLIC KEY"
_PRIVATE_LABEL = "PRIVATE KEY"
SIGNATURE_BYTES = 64


class KeyFormatError(ValueError):
    """Text that is not an Ed25519 key in the expected PEM form."""


class PublicKey(NamedTuple):
    raw: bytes  # 32 bytes
    label: str = ""  # where it came from: a shipped file, the policy file

    @property
    def fingerprint(self) -> str:
        """Short, stable name of the key: what a signature says it was made with."""
        return new_sha256(self.raw).hexdigest()[:16]

    def to_pem(self) -> str:
        return _pem(_PUBLIC_LABEL, _PUBLIC_PREFIX + self.raw)

    def verifies(self, data: bytes, signature: bytes) -> bool:
        import nacl.exceptions  # here, not at the top: the window starts without libsodium
        import nacl.signing

        try:
            nacl.signing.VerifyKey(self.raw).verify(data, signature)
        except (nacl.exceptions.BadSignatureError, nacl.exceptions.ValueError, ValueError):
            return False
        return True


class PrivateKey(NamedTuple):
    seed: bytes  # 32 bytes

    @classmethod
    def generate(cls) -> PrivateKey:
        import nacl.signing

        return cls(bytes(nacl.signing.SigningKey.generate()))

    @property
    def public_key(self) -> PublicKey:
        import nacl.signing

        return PublicKey(bytes(nacl.signing.SigningKey(self.seed).verify_key))

    def sign(self, data: bytes) -> bytes:
        import nacl.signing

        return bytes(nacl.signing.SigningKey(self.seed).sign(data).signature)

    def to_pem(self) -> str:
        return _pem(_PRIVATE_LABEL, _PRIVATE_PREFIX + self.seed)


def load_public_key(text: str, label: str = "") -> PublicKey:
    return PublicKey(_unpem(text, _PUBLIC_LABEL, _PUBLIC_PREFIX), label)


def load_private_key(text: str) -> PrivateKey:
    return PrivateKey(_unpem(text, _PRIVATE_LABEL, _PRIVATE_PREFIX))


def _pem(label: str, der: bytes) -> str:
    body = base64.b64encode(der).decode("ascii")
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----", ""])


def _unpem(text: str, label: str, prefix: bytes) -> bytes:
    begin, end = f"-----BEGIN {label}-----", f"-----END {label}-----"
    start, stop = text.find(begin), text.find(end)
    if start < 0 or stop < start:
        raise KeyFormatError(f"not a PEM {label.lower()} (no '{begin}' line)")
    body = "".join(text[start + len(begin) : stop].split())
    try:
        der = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError) as error:
        raise KeyFormatError(f"the {label.lower()} is not valid base64") from error
    if len(der) != len(prefix) + 32 or not der.startswith(prefix):
        raise KeyFormatError(f"the {label.lower()} is not an Ed25519 key")
    return der[len(prefix) :]
