from django.apps import AppConfig


class DrugsConfig(AppConfig):
    """Drugs, their classes, brand names and uses."""

    name = "drugs"
    verbose_name = "drugs"
