"""WSGI entry point, for `backcoach serve` or any WSGI server a hospital prefers."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from backcoach.proxy import trust_proxies

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backcoach.settings")
# Proxy headers (X-Forwarded-For/-Proto) are believed only from TRUSTED_PROXIES;
# see backcoach/proxy.py and docs/deploy.md.
application = trust_proxies(
    get_wsgi_application(), settings.TRUSTED_PROXIES, settings.TRUSTED_PROXY_HOPS
)
