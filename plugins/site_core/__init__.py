"""What the site's plugins and tools share that is not a plugin of its own
(no signals, no register()): small, named functions.

* ``files``: writing a file so that it is never seen half-written.
"""
