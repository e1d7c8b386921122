from __future__ import annotations

from django.db import models


class ProgramVersion(models.Model):
    """A program version that this deployment has served.

    Program content lives in its YAML file; the database only records which
    versions existed, so that results, prescriptions and feedback can refer to
    the exact content a patient saw.
    """

    program = models.SlugField(max_length=100)
    version = models.CharField(max_length=20)
    checksum = models.CharField(max_length=64)
    first_loaded = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program", "version"], name="unique_program_version")
        ]

    def __str__(self) -> str:
        return f"{self.program} {self.version}"

    @classmethod
    def record_loaded(cls) -> None:
        from backcoach.programs import registry

        for loaded in registry.all_programs():
            info = loaded.program.program
            cls.objects.get_or_create(
                program=info.id, version=info.version, defaults={"checksum": loaded.checksum}
            )
