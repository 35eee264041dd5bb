from django.apps import AppConfig


class AdsConfig(AppConfig):
    """Advertising: placements, campaigns, creatives, their counts and ads.txt."""

    name = "ads"
    verbose_name = "advertising"

    def ready(self):
        from . import signals

        signals.connect()
