"""Scheduled posts: an article dated in the future waits for a build on or after its date.

Pelican's own WITH_FUTURE_DATES = False decides once, when a file is read;
with the content cache on, an article read as "future" stays a draft in the
cache after its day has come, until the file changes. So the decision is made
here on every build, for cached and fresh articles alike, from the file's own
status (an article the file marks as a draft stays one) and the build's date.

Settings: SCHEDULE_NOW (default: the time of the build; an ISO date such as
"2026-12-01" builds the site as it will be on that day, to preview a
schedule or to test it). Set WITH_FUTURE_DATES = True so Pelican leaves the
decision to this plugin.
"""

import datetime
import logging
from zoneinfo import ZoneInfo

from pelican import signals
from pelican.utils import order_content, process_translations

from multilingual.translations import inherit_dates
from site_core.contracts import Contract

logger = logging.getLogger(__name__)
__all__ = ["build_time", "site_today", "waits"]
CONTRACT = Contract(needs=("site_core", "multilingual"), settings={"SCHEDULE_NOW": None})


def build_time(settings):
    """The moment the build publishes for: now, or SCHEDULE_NOW (an ISO date) to preview a schedule."""
    fixed = settings["SCHEDULE_NOW"]
    if not fixed:
        return datetime.datetime.now(datetime.UTC)
    moment = datetime.datetime.fromisoformat(str(fixed))
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def site_today(settings):
    """The day it is where the site is (TIMEZONE), at the build's moment: a post dated that day is
    published now. (The machine's own date may be tomorrow's already: a CI server runs on UTC.)"""
    return build_time(settings).astimezone(ZoneInfo(settings["TIMEZONE"])).date()


def _aware(date):
    return date if date.tzinfo else date.replace(tzinfo=datetime.UTC)


def waits(item, now):
    """True for an article its file does not mark as a draft, dated after `now`: it waits for its day."""
    return item.metadata.get("status", "published") != "draft" and _aware(item.date) > now


def _schedule(generator):
    settings = generator.settings
    now = build_time(settings)
    items = generator.articles + generator.translations + generator.drafts + generator.drafts_translations
    inherit_dates(items, settings["SITE_LANGUAGES"])
    published, drafts, waiting = [], [], []
    for item in items:
        if item.metadata.get("status", "published") == "draft":
            drafts.append(item)
            continue
        if waits(item, now):
            item.status = "draft"
            drafts.append(item)
            waiting.append(item)
        else:
            item.status = "published"
            published.append(item)
    was_published = {id(item) for item in generator.articles + generator.translations}
    if {id(item) for item in published} == was_published:
        generator.scheduled = sorted(waiting, key=lambda item: item.date)
        return  # Pelican's lists already say the same (the usual case): keep them
    translation_id = settings["ARTICLE_TRANSLATION_ID"]
    order = settings["ARTICLE_ORDER_BY"]
    generator.articles, generator.translations = process_translations(published, translation_id=translation_id)
    generator.articles = order_content(generator.articles, order)
    generator.drafts, generator.drafts_translations = process_translations(drafts, translation_id=translation_id)
    generator.scheduled = sorted(waiting, key=lambda item: item.date)
    for item in generator.scheduled:
        logger.info("Programmé pour le %s : %s", item.date.date().isoformat(), item.source_path)


def register():
    signals.article_generator_pretaxonomy.connect(_schedule)
