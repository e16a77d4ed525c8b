"""Session preparation: the mentee's agenda and the mentor's conversation prompts.

- ``context``: what a session's preparation knows (``SessionContext``, ``build_context``).
- ``agenda`` and ``mentor_prompts``: the typed documents, their offline composers and checks.
- ``tasks``: the two generation tasks and how their input is protected for a remote model.
- ``documents``: generate, store and read back a session's documents.
"""
