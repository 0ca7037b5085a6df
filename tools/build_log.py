"""A Pelican build's log, as plain messages for people: what the dev server
shows in the page and the terminal, and what `make publish` and
`make newsletter` print when a build fails."""

import re

LOG_LINE = re.compile(r"^(?:\[\d\d:\d\d:\d\d\])?\s*(?P<level>ERROR|CRITICAL|WARNING)\s+(?P<text>.*?)(?:\s{2,}\S+\.py:\d+)?$")
NOISE = ("Could not process ",)  # Pelican's echo of an error already reported


def plain_messages(output):
    """The build's warnings and errors, each as plain text (continuation lines kept, tracebacks dropped)."""
    messages, in_traceback = [], False
    for raw in output.splitlines():
        line = raw.rstrip()
        match = LOG_LINE.match(line)
        if match:
            in_traceback = False
            text = match["text"].strip().removeprefix("BuildFailed: ")
            if not text.startswith(NOISE):
                messages.append(text)
            continue
        if not messages or not line.strip() or in_traceback or not line[:1].isspace():
            continue  # only indented lines continue a message ("Done: …" does not)
        stripped = line.strip()
        if stripped.startswith("Traceback"):
            in_traceback = True
            continue
        messages[-1] += "\n" + stripped
    return messages
