"""The page mix of bench/cache_design.sh: public pages both cache designs cache, one per line.

Up to 3,000 random live articles, 1,000 drug hubs and condition pages, every A–Z
letter of both indexes, 300 searches and the home page (the demo corpus has fewer,
and all of them are used). Seeded, so both designs get the same mix.

    DATABASE_URL=… DJANGO_SETTINGS_MODULE=bench.settings python bench/cache_paths.py > paths
"""

import random
from urllib.parse import quote

import django

django.setup()

from medinfo.models import Article, PublicName  # noqa: E402
from website.alphabet import LETTERS  # noqa: E402


def sample(rows, count, rng):
    rows = list(rows)
    return rng.sample(rows, min(count, len(rows)))


def main():
    rng = random.Random(11)  # noqa: S311 - reproducible sampling  # nosec B311
    articles = Article.objects.live().select_related("drug", "condition").order_by("pk")
    hubs = PublicName.objects.filter(kind__in=["generic", "condition"]).order_by("pk")
    names = PublicName.objects.order_by("pk").values_list("sort_name", flat=True)
    paths = ["/"]
    paths += [article.get_absolute_url() for article in sample(articles, 3000, rng)]
    paths += [name.get_absolute_url() for name in sample(hubs, 1000, rng)]
    for letter in map(quote, LETTERS):
        paths += [f"/drugs/?letter={letter}", f"/conditions/?letter={letter}"]
    paths += [
        "/search/?q=" + quote(name.split()[0].strip("®™")) for name in sample(names, 300, rng)
    ]
    print("\n".join(dict.fromkeys(paths)))


if __name__ == "__main__":
    main()
