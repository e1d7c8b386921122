from django.apps import AppConfig


class SessionsConfig(AppConfig):
    name = "backcoach.sessions"
    label = "backcoach_sessions"  # "sessions" is django.contrib.sessions'
    verbose_name = "Login sessions"
