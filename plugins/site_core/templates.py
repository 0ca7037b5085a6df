"""Templates compiled once per process, not once per generator and build.

Pelican gives each generator its own Jinja environment, and each environment
compiles every template it uses (base.html, the macros…) on each build: on a
small site two thirds of a build's time, and again for every rebuild of the
dev server and every build of the tests, which run in one process. Jinja's
own mechanism for this is a bytecode cache; this one keeps the compiled code
in memory for the process (Jinja's FileSystemBytecodeCache writes its files
in place, which a killed build could leave half-written; and a process that
builds again is where the time goes), and also in CACHE_PATH/templates
through Jinja's FileSystemBytecodeCache (which writes each file under a
temporary name and renames it), so that a new process (make html, make
publish) starts with them compiled.

A template's code is found again only for the same template file with the
same source (Jinja checks its checksum) compiled by an environment with the
same options (extensions, autoescape, whitespace control, syntax): a changed
template or setting compiles again. It is the one piece of state kept from one
build to the next, on purpose, keyed by what the code is made of.
"""

import hashlib
import os
import time

from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache

ENVIRONMENT_OPTIONS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                       "comment_start_string", "comment_end_string", "line_statement_prefix",
                       "line_comment_prefix", "trim_blocks", "lstrip_blocks", "newline_sequence",
                       "keep_trailing_newline", "optimized", "autoescape", "finalize", "is_async")


def environment_signature(environment):
    """What, besides its source, a template's compiled code depends on."""
    options = [repr(getattr(environment, name, None)) for name in ENVIRONMENT_OPTIONS]
    return repr([sorted(environment.extensions), options])


class ProcessBytecodeCache(BytecodeCache):
    """Compiled templates, in memory for as long as the process runs (in `memory`, which several
    caches may share), and in `folder` if given."""

    def __init__(self, folder=None, memory=None):
        self._code = {} if memory is None else memory
        self._files = None
        if folder:
            os.makedirs(folder, exist_ok=True)
            self._files = FileSystemBytecodeCache(folder)

    def get_bucket(self, environment, name, filename, source):
        key = hashlib.sha256(repr([self.get_cache_key(name, filename),
                                   environment_signature(environment)]).encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket):
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # Jinja drops it if the source's checksum differs
        elif self._files is not None:
            self._files.load_bytecode(bucket)  # the same check, on what an earlier process wrote
            if bucket.code is not None:
                self._code[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket):
        self._code[bucket.key] = bucket.bytecode_to_string()
        if self._files is not None:
            self._files.dump_bytecode(bucket)


_caches = {}  # cache folder -> its ProcessBytecodeCache (one per folder for the process's life)
# The code compiled in this process, whatever the build's cache folder: the tests and the dev server
# build many sites in one process, each with its own CACHE_PATH, from the same templates.
_compiled_in_process = {}
STALE_AFTER = 3600  # seconds: Jinja writes a compiled template in milliseconds


def remove_stale_writes(folder, older_than=STALE_AFTER):
    """Jinja's temporary files (``….cache….tmp``) that a killed process left; one still being
    written is seconds old at most (Jinja's names do not say which process writes them). A build
    that holds its cache folder's lock (tools/build.py) knows that none is being written: 0."""
    if not os.path.isdir(folder):
        return
    now = time.time()
    for entry in os.scandir(folder):
        if entry.name.endswith(".tmp") and entry.is_file():
            try:
                if now - entry.stat().st_mtime >= older_than:
                    os.remove(entry.path)
            except FileNotFoundError:
                pass


def share_compiled_templates(generator):
    """Let the generator's environment use the compiled templates of the process and of CACHE_PATH
    (at generator_init)."""
    folder = os.path.abspath(os.path.join(generator.settings["CACHE_PATH"], "templates"))
    if folder not in _caches:
        _caches[folder] = ProcessBytecodeCache(folder, memory=_compiled_in_process)
        remove_stale_writes(folder)
    generator.env.bytecode_cache = _caches[folder]
