"""Server-rendered pages for coordinators, mentees and mentors.

Same app, same access policy, same core jobs as the JSON API: the page routers are as
thin as the API's. Sign-in exchanges an API token for a short-lived session token kept
in an HTTP-only cookie; every form carries a CSRF token derived from that session.
"""
