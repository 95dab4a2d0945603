"""Packs an IT department drops in the policy's ``updates_dir`` (a folder or read-only share).

At start the window asks for the newest pack there that is signed by a trusted
key and newer than the edition in use; it is then offered to the user, or
installed silently, as the policy says. Only the signature and manifest are
checked here (cheap); installing checks everything again.
"""

from __future__ import annotations

import logging

from desktop_app.editions.errors import EditionError
from desktop_app.editions.pack import PACK_SUFFIX, CheckedPack, check_pack
from desktop_app.editions.policy import Policy
from desktop_app.editions.store import EditionStore

log = logging.getLogger(__name__)
MAX_CANDIDATES = 50  # a share full of files must not hold up the start


def newest_offered_pack(policy: Policy, store: EditionStore) -> CheckedPack | None:
    if policy.updates_dir is None or policy.install_updates == "never":
        return None
    try:
        candidates = sorted(policy.updates_dir.glob(f"*{PACK_SUFFIX}"))[:MAX_CANDIDATES]
    except OSError as error:
        log.warning("updates folder %s unreadable: %s", policy.updates_dir, error)
        return None
    active = store.active().sort_key
    best: CheckedPack | None = None
    for path in candidates:
        try:
            checked = check_pack(path, store.trusted_keys)
        except EditionError as error:
            log.info("update %s ignored: %s", path, error.message)
            continue
        key = checked.manifest.sort_key
        if key > active and (best is None or key > best.manifest.sort_key):
            best = checked
    return best
