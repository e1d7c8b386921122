from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "backcoach.diary"
    verbose_name = "Diary"
