"""Which content database the app opens, and the editions context the window needs.

``--db`` and ``$SERM_REFERENCE_DB`` name one file and bypass editions entirely
(tests, IT checks). Otherwise the active installed edition is opened when it
passes the start-up checks; if it does not, the editions active before it and
finally the bundled database are tried, and the user is told which was used.
A damaged installed edition therefore never keeps the reference from starting.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from desktop_app.content import ContentDatabaseError, ContentRepository
from desktop_app.content.database import ENVIRONMENT_VARIABLE, default_database_path
from desktop_app.editions.errors import PolicyError
from desktop_app.editions.locations import editions_dir, trusted_keys
from desktop_app.editions.policy import Policy, load_policy
from desktop_app.editions.store import Edition, EditionStore

log = logging.getLogger(__name__)


class EditionsContext:
    """What the window and the commands share: the policy, the store, start-up notices.

    A plain class, not a dataclass, because it is defined before the window's
    first paint (start-up cost); ``open_repository`` sets ``opened`` and adds notices.
    """

    __slots__ = ("notices", "opened", "policy", "store")

    def __init__(
        self,
        policy: Policy,
        store: EditionStore,
        notices: list[str] | None = None,
        opened: Edition | None = None,
    ) -> None:
        self.policy = policy
        self.store = store
        self.notices: list[str] = [] if notices is None else notices
        self.opened = opened  # None when --db / $SERM_REFERENCE_DB chose the file


def bundled_database_path() -> Path:
    """The database shipped with the app, ignoring $SERM_REFERENCE_DB."""
    saved = os.environ.pop(ENVIRONMENT_VARIABLE, None)
    try:
        return default_database_path()
    finally:
        if saved is not None:
            os.environ[ENVIRONMENT_VARIABLE] = saved


def editions_context(basedir: Path | None, default_base: Path | None = None) -> EditionsContext:
    """The policy (defaults and a notice when it is unreadable) and the edition store."""
    notices: list[str] = []
    try:
        policy = load_policy()
    except PolicyError as error:
        log.warning("policy ignored: %s", error.message)
        notices.append(f"{error.message} The defaults are used instead.")
        policy = Policy()
    if basedir is None and default_base is not None and policy.editions_dir is None:
        basedir = default_base
    folder = editions_dir(policy, basedir)
    store = EditionStore(folder, bundled_database_path(), lambda: trusted_keys(policy))
    return EditionsContext(policy, store, notices)


def open_repository(db: Path | None, context: EditionsContext) -> ContentRepository:
    """Open the database to read; raise ContentDatabaseError only when nothing usable is left."""
    if db is not None or os.environ.get(ENVIRONMENT_VARIABLE):
        return ContentRepository.open(db)
    candidates = context.store.startup_candidates()
    failed: list[str] = []
    for edition in candidates:
        try:
            repository = ContentRepository.open(edition.database)
        except ContentDatabaseError as error:
            if edition.bundled:
                raise
            log.warning("edition %s not usable: %s", edition.id, error.message)
            failed.append(f"{edition.describe()}: {error.problem}")
            continue
        context.opened = edition
        if failed:
            context.notices.append(
                "The content edition chosen could not be used and was left as it is ("
                + "; ".join(failed)
                + f"). SERM Reference opened edition {edition.describe()} instead."
            )
        return repository
    return ContentRepository.open(context.store.bundled_database)  # raises the real reason
