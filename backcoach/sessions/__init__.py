"""Login sessions: Django's database sessions, each row naming its signed-in user (store.py)."""
