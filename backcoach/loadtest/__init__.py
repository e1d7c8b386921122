"""Load and crash tests against a real `backcoach serve` (issue 11).

`backcoach bench serve` and the CI tests in tests/loadtest share this package:
- `servers`: a database (SQLite in a temporary folder, or PostgreSQL: a throwaway
  cluster or a fresh database on the cluster CI gives) and a server process on it;
- `fixtures`: run inside that deployment's settings (a child process), makes the
  demo patients with their logged-in sessions and reads back what was stored;
- `clients`: concurrent patients posting session results, each twice.
"""
