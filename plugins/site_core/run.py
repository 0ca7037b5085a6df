"""State that belongs to one build, held by the build itself.

Pelican gives every run a new context (a copy of the settings) and hands it
to each generator, each content item and each ``write_file``. What plugins
keep for the length of a run (the image store, the gettext catalogues, the
URL registry, the pages written for the sitemap, the render cache's
writer) lives in one ``Run`` object in that context, under ``RUN_KEY``:

* ``run_of(generator)``, ``run_of(context)`` (the run's context or a page's
  copy of it), or ``run_of(pelican)`` in a ``finalized`` receiver, give the
  current run; site_core starts a run when the run's first generator is
  made (``generator_init``), so every other receiver finds it;
* ``run.get(name, factory)`` gives the state ``name`` of this run, made by
  ``factory()`` on first use.

Nothing is kept in module dictionaries keyed by ``id(context)``: an id is
reused once its object is freed, so a later run (``pelican -r``, the dev
server) could have picked up an earlier run's store. The run object holds
its context, and a context copied from settings that hold an earlier run
gets a new one. It is never saved in Pelican's content cache (a cached
article's copy of the context unpickles with an empty run).
"""

RUN_KEY = "SITE_RUN"


class Run:
    """One build's state: {name: object}, created on first use."""

    def __init__(self, context=None):
        self.context = context
        self._state = {}

    def get(self, name, factory):
        """This run's `name`, made by `factory()` the first time it is asked for."""
        if name not in self._state:
            self._state[name] = factory()
        return self._state[name]

    def __reduce__(self):  # Pelican pickles items with their context: a run is not cached
        return (ForgottenRun, ())

    def render_fingerprint(self):
        """What pages are made of in this run's state (see render_cache): the states that say it
        (the image store: a replaced photo changes the derivatives every page that shows it links to);
        the others (catalogues, registry) are how pages are made, not what they show."""
        return [[name, state.render_fingerprint()] for name, state in sorted(self._state.items())
                if hasattr(state, "render_fingerprint")]


class ForgottenRun:
    """What a run becomes in Pelican's content cache: nothing (a cached item's copy of the context)."""

    def render_fingerprint(self):
        return None


def _attach(context, settings):
    run = context.get(RUN_KEY)
    if not isinstance(run, Run) or run.context is not context:
        run = context[RUN_KEY] = Run(context)
    if settings is not None:
        settings[RUN_KEY] = run  # for receivers that only get the Pelican object (finalized)
    return run


def run_of(holder):
    """The current run of a generator, a context dict, or (in ``finalized``) the Pelican object."""
    context = getattr(holder, "context", None)
    if isinstance(context, dict):  # a generator
        return _attach(context, holder.settings)
    if isinstance(holder, dict):  # the run's context, or a page's copy of it
        run = holder.get(RUN_KEY)
        if isinstance(run, ForgottenRun):
            raise LookupError("a context restored from Pelican's content cache belongs to no run")
        return run if isinstance(run, Run) else _attach(holder, None)
    settings = getattr(holder, "settings", None)  # the Pelican object: the run its generators started
    run = settings.get(RUN_KEY) if isinstance(settings, dict) else None
    if not isinstance(run, Run):
        raise LookupError("no build has started yet")
    return run
