"""Generate a large synthetic corpus for scale tests and benchmarks."""

from django.core.management.base import BaseCommand, CommandError

from demo.corpus import MARKER, CorpusBuilder, Sizes
from medinfo.models import Article


class Command(BaseCommand):
    help = "Bulk-insert a synthetic corpus: drugs, conditions, articles with revisions, reviewers."

    def add_arguments(self, parser):
        parser.add_argument("--drugs", type=int, default=10_000)
        parser.add_argument("--conditions", type=int, default=3_000)
        parser.add_argument("--articles", type=int, default=50_000)
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same corpus.")
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Do nothing when a synthetic corpus is already loaded (for benchmarks).",
        )

    def handle(self, *args, drugs, conditions, articles, seed, if_missing, **options):
        if min(drugs, conditions, articles) < 1:
            raise CommandError("--drugs, --conditions and --articles must be at least 1.")
        existing = Article.objects.filter(latest_revision__title__endswith=MARKER).count()
        if existing:
            if if_missing:
                self.stdout.write(f"A synthetic corpus of {existing} articles is already loaded.")
                return
            raise CommandError(
                f"A synthetic corpus of {existing} articles is already loaded; "
                "use a fresh database (or --if-missing to reuse it)."
            )
        sizes = Sizes(drugs=drugs, conditions=conditions, articles=articles)
        CorpusBuilder(sizes, seed=seed, log=self.stdout.write).build()
