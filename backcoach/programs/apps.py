from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ProgramsConfig(AppConfig):
    name = "backcoach.programs"
    verbose_name = "Programs"

    def ready(self) -> None:
        from backcoach.programs import registry

        # Refuse to start with an invalid program rather than serve part of it.
        registry.load()
        post_migrate.connect(_record_program_versions, sender=self)


def _record_program_versions(**kwargs: object) -> None:
    from backcoach.programs.models import ProgramVersion

    ProgramVersion.record_loaded()
