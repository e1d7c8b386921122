from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "backcoach.practice"
    verbose_name = "Exercise sessions"
