from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site and the synthetic corpus: loaders, and the demo content as data files.

    Nothing else in the project imports from here; ``manage.py load_demo`` and
    ``manage.py generate_corpus`` are its ways in.
    """

    name = "demo"
    verbose_name = "demo content"
