"""Behind the hospital's reverse proxy: whose address is the client's, and is it HTTPS?

The proxy (nginx, the hospital's load balancer) connects from its own address and
says who the client is in X-Forwarded-For and which scheme it used in
X-Forwarded-Proto. Those headers are believed only from the addresses in
TRUSTED_PROXIES; from anyone else they are removed before Django sees them, so a
client cannot forge its address into the audit log or dodge the login throttle.

The translation is waitress's (`waitress.proxy_headers`, used here as a library;
`backcoach serve` runs gunicorn, which is told to trust no proxy itself), applied in
`backcoach.wsgi` so that it works under any WSGI server, accepts several proxy
addresses, and lets the request-id middleware know whether the peer was a trusted proxy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest
from waitress.proxy_headers import proxy_headers_middleware

# The environ key that says the TCP peer was one of TRUSTED_PROXIES.
VIA_TRUSTED_PROXY = "backcoach.via_trusted_proxy"
TRUSTED_HEADERS = {"x-forwarded-for", "x-forwarded-proto"}

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def client_address(request: HttpRequest | None) -> str:
    """The client's address: the one owner for the audit log, axes and the access log.

    By the time Django runs, the WSGI layer below has already replaced REMOTE_ADDR
    with the client's address when (and only when) a trusted proxy sent the request.
    """
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def via_trusted_proxy(request: HttpRequest) -> bool:
    return bool(request.META.get(VIA_TRUSTED_PROXY))


def trust_proxies(app: WSGIApp, proxies: Iterable[str], hops: int = 1) -> WSGIApp:
    """Wrap a WSGI app so proxy headers count only from `proxies` (`hops` proxies deep)."""
    trusted = frozenset(proxies)
    believe = proxy_headers_middleware(
        app,
        trusted_proxy="*",  # the peer was checked against `trusted` just before
        trusted_proxy_count=hops,
        trusted_proxy_headers=TRUSTED_HEADERS,
        clear_untrusted=True,
    )
    # trusted_proxy=None: believe nobody, and clear every proxy header.
    distrust = proxy_headers_middleware(app, trusted_proxy=None, clear_untrusted=True)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        # A WSGI caller that names no peer (an in-process test client) is no proxy.
        peer = environ.setdefault("REMOTE_ADDR", "")
        if peer in trusted:
            environ[VIA_TRUSTED_PROXY] = True
            return believe(environ, start_response)
        environ.pop(VIA_TRUSTED_PROXY, None)
        return distrust(environ, start_response)

    return application
