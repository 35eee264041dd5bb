from django.apps import AppConfig


class ConditionsConfig(AppConfig):
    """Conditions and their ordered symptom lists."""

    name = "conditions"
    verbose_name = "conditions"
