from django.apps import AppConfig


class AdsConfig(AppConfig):
    """Advertising: placements, campaigns and creatives (models arrive with the ads issue)."""

    name = "ads"
    verbose_name = "advertising"
