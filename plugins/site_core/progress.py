"""Telling the person waiting how far a long piece of work has got (« Photos : 12 sur 32
préparées »): ``progress(message)``. A plugin says it at each step worth seeing; the build runner
(tools.build) shows it at once in the terminal, whatever the verbosity, and gives it to whoever
asked (the dev server's page while its first build runs). Outside a build runner nothing shows it.

Its logger does not pass its records up to the root logger: progress is neither a problem of the
content nor a line of the verbose log.
"""

import logging

LOGGER = logging.getLogger("site_core.progress")
LOGGER.propagate = False


def progress(message):
    """Say how far the current work has got."""
    LOGGER.info(message)
