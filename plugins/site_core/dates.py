"""Dates written to the precision an author knows them: "2024", "2024-11", "2024-11-05".

Reading one (with a plain message when it is not a date) is
``content_errors.partial_date``, which gives ``(date, precision)``;
``partial_iso`` writes it back as written. Here, how a page shows it, the
language's way, with Babel: "2024", "novembre 2024" / "noviembre de 2024",
"5 novembre 2024".
"""

from babel.dates import format_date, format_skeleton

PRECISIONS = {1: "year", 2: "month", 3: "day"}


def date_label(date, precision, locale):
    """A partial date as the locale writes it (precision 1, 2 or 3: year, month or day)."""
    if precision == 3:
        return format_date(date, "long", locale=locale)
    return format_skeleton("y" if precision == 1 else "yMMMM", date, locale=locale)
