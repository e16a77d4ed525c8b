"""The ``coach`` command, beside ``api/``: the core in ``coach/`` imports neither."""
