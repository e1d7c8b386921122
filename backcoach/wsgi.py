"""WSGI entry point, for `backcoach serve` or any WSGI server a hospital prefers."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backcoach.settings")
application = get_wsgi_application()
