from django.apps import AppConfig


class CoachConfig(AppConfig):
    # An app only so that its built assets (static/coach/vendor/) are found like any
    # other static files; it has no models.
    name = "backcoach.coach"
    verbose_name = "Camera coach"
