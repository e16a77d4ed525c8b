"""Email: messages the programme sends, written to an outbox and delivered with retries.

- ``templates``: the Jinja2 files in ``knowledge/messages`` a programme can edit;
- ``outbox``: ``send_later`` renders a message and adds it in the caller's unit of work;
- ``delivery``: the transports (SMTP, or a folder for the demo) and ``deliver_due``, which
  sends what is due with backoff and never sends one message from two senders at once.
"""
