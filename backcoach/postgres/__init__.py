"""Django's PostgreSQL backend, its health check costing no round trip (issue 11): base.py."""
