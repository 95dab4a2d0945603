"""Every exit status the program can end with, in one place (no Qt).

Scripts and installers check these numbers, so they must not drift apart
between the command line, the window and the dialogs.
"""

from __future__ import annotations


class ExitCode:
    """Plain int constants, not an IntEnum: building an enum class costs start-up time."""

    OK = 0
    SELF_TEST_FAILED = 1
    USAGE = 2  # a malformed or unknown address, a bad option (as argparse exits)
    CONTENT_ERROR = 3  # the content database is missing, damaged or of another version
    USER_FOLDER_ERROR = 4  # the personal data folder cannot be used
    NO_DISPLAY = 5  # no screen to open a window on
    ALREADY_RUNNING = 6  # another window holds this user folder and does not answer
    UNEXPECTED_ERROR = 70  # sysexits.h EX_SOFTWARE: an internal software error
