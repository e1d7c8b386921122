"""Django's database session engine, reading the session and its signed-in user at once.

Every request of a signed-in person reads their session row, then their account
(with their patient or clinician record: clinic/account_read.py). The account's id
was inside the session's signed data, so that was two round trips, one after the
other: on PostgreSQL about 0.35 ms of a result's 4 ms (issue 11). The row now names
its user in a column (models.py), and one query reads the session and the account
together; `AccountBackend.get_user` takes the account from it instead of asking again.

Django documents extending the database engine this way ("Extending
database-backed session engines"). The cookie, the data's signing and the expiry
are Django's own, so Django's login, logout, key cycling and `clearsessions` work
unchanged; migration 0002 carries the sessions of Django's own table over.

Both reads are written out as SQL: through the ORM, building the session's query
cost ten times what the database took to answer it (0.24 ms against 0.02 ms).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from backcoach.sessions.models import Session

NOT_READ = object()  # the session gave no account: the backend reads it itself


class SessionStore(DatabaseSessionStore):
    # The account read with the session: a user, or None when the row names nobody.
    _account: Any = NOT_READ

    @classmethod
    def get_model_class(cls) -> type[Session]:
        return Session

    def create_model_instance(self, data: dict[str, Any]) -> Session:
        """The row to save, naming the user the data signs in (or none)."""
        session = super().create_model_instance(data)
        assert isinstance(session, Session)  # get_model_class's
        session.user_id = _user_id(data.get(SESSION_KEY))
        return session

    def _get_session_from_db(self) -> Session | None:
        """The row `load()` decodes, with the account it names read in the same query."""
        from backcoach.clinic import account_read

        db = connections[DEFAULT_DB_ALIAS]
        expiry = Session._meta.get_field("expire_date")
        now = expiry.get_db_prep_value(timezone.now(), db)
        with db.cursor() as cursor:
            cursor.execute(_sql(), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None  # as Django does: an unknown or expired key is dropped
            return None
        key, data, user_id, *account = row
        self._account = account_read.user_from_row(account, db)
        return Session(session_key=key, session_data=data, user_id=user_id)

    def account_for(self, user_id: Any) -> Any:
        """The account read with this session if it is `user_id`'s, else NOT_READ."""
        account = self._account
        if account is NOT_READ or account is None or account.pk != _user_id(user_id):
            return NOT_READ
        return account


def _user_id(value: Any) -> Any:
    """The user's primary key as stored, from the session's text; None when it is none."""
    if value is None:
        return None
    try:
        return get_user_model()._meta.pk.to_python(value)
    except ValidationError:
        return None


@cache
def _sql() -> str:
    from backcoach.clinic import account_read

    user = get_user_model()
    table = Session._meta.db_table
    user_column = Session._meta.get_field("user").column
    return (
        f'SELECT s."session_key", s."session_data", s."{user_column}", {account_read.columns()}'
        f' FROM "{table}" s'
        f' LEFT JOIN "{user._meta.db_table}" u ON u."{user._meta.pk.column}" = s."{user_column}"'
        f"{account_read.joins()}"
        ' WHERE s."session_key" = %s AND s."expire_date" > %s'
    )


# The store whose account the backend may take: set around Django's get_user() only
# (middleware.py), so an account read for one request never serves another.
_reading: ContextVar[SessionStore | None] = ContextVar("backcoach_session_reading", default=None)


@contextmanager
def reading_user_of(store: Any) -> Iterator[None]:
    token = _reading.set(store if isinstance(store, SessionStore) else None)
    try:
        yield
    finally:
        _reading.reset(token)


def account_read_with_session(user_id: Any) -> Any:
    """For AccountBackend.get_user: the account the current session read, or NOT_READ."""
    store = _reading.get()
    return NOT_READ if store is None else store.account_for(user_id)
