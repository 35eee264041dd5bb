"""Load the demo content: drugs, conditions, users and articles published through the workflow."""

import json
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from ads.demo import load_demo_ads
from conditions.models import Condition, ConditionSymptom, Symptom
from drugs.models import BrandName, Drug, DrugClass, Use
from medinfo import demo_data, workflow
from medinfo.models import Article, Reviewer
from medinfo.roles import EDITORS, REVIEWERS


def credentials_file():
    """One passwords file per database, so loading the demo elsewhere never mixes them up."""
    name = Path(str(settings.DATABASES["default"]["NAME"])).stem
    return settings.VAR_DIR / f"demo-credentials-{name}.json"


class Command(BaseCommand):
    help = "Load the demo content. Idempotent: a second run changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--print-passwords", action="store_true", help="Print the demo users' passwords."
        )

    def handle(self, *args, print_passwords=False, **options):
        # Demo submissions must not e-mail the made-up addresses of the demo users.
        quiet_mail = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
        with quiet_mail, transaction.atomic():
            users = self.ensure_users()
            self.load_structured_data()
            created = self.load_articles(users)
            campaigns = load_demo_ads()
        self.stdout.write(
            f"Demo content ready ({created} articles and {campaigns} ad campaigns added)."
        )
        if print_passwords:
            self.print_credentials()

    def ensure_users(self):
        """The demo editor, reviewers and superuser; passwords are random and kept in var/."""
        credentials = read_credentials()
        specs = [("admin", None), ("editor", EDITORS)]
        specs += [(reviewer["username"], REVIEWERS) for reviewer in demo_data.DEMO_REVIEWERS]
        users = {}
        for username, group in specs:
            users[username] = self.ensure_user(username, group, credentials)
        for spec in demo_data.DEMO_REVIEWERS:
            fields = {key: value for key, value in spec.items() if key != "username"}
            Reviewer.objects.get_or_create(user=users[spec["username"]], defaults=fields)
        write_credentials(credentials)
        return users

    def ensure_user(self, username, group, credentials):
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is not None:
            return user
        password = secrets.token_urlsafe(12)
        email = f"{username}@medinfo.example"
        if group is None:
            user = user_model.objects.create_superuser(username, email, password)
        else:
            user = user_model.objects.create_user(username, email, password, is_staff=True)
            user.groups.add(Group.objects.get(name=group))
        credentials[username] = password
        return user

    def load_structured_data(self):
        classes = {}
        for spec in demo_data.DRUG_CLASSES:
            classes[spec["slug"]], _ = DrugClass.objects.get_or_create(
                slug=spec["slug"], defaults=spec
            )
        conditions = {spec["slug"]: self.load_condition(spec) for spec in demo_data.CONDITIONS}
        for spec in demo_data.DRUGS:
            self.load_drug(spec, classes, conditions)

    def load_condition(self, spec):
        fields = {key: spec[key] for key in ("name", "definition", "other_names")}
        condition, created = Condition.objects.get_or_create(slug=spec["slug"], defaults=fields)
        if created:
            for order, (name, note) in enumerate(spec["symptoms"]):
                symptom = Symptom.objects.filter(name__iexact=name).first()
                symptom = symptom or Symptom.objects.create(name=name)
                ConditionSymptom.objects.create(
                    condition=condition, symptom=symptom, note=note, order=order
                )
        return condition

    def load_drug(self, spec, classes, conditions):
        fields = {
            key: spec[key]
            for key in ("generic_name", "official_name", "prescription_status",
                        "controlled_schedule", "minimum_age", "summary")
        }  # fmt: skip
        fields["drug_class"] = classes.get(spec["drug_class"])
        drug, created = Drug.objects.get_or_create(slug=spec["slug"], defaults=fields)
        if not created:
            return
        for order, (name, mark, slug) in enumerate(spec["brands"]):
            BrandName.objects.create(drug=drug, name=name, mark=mark, slug=slug, order=order)
        for order, (condition_slug, kind, note) in enumerate(spec["uses"]):
            Use.objects.create(
                drug=drug, condition=conditions[condition_slug], kind=kind, note=note, order=order
            )

    def load_articles(self, users):
        """Publish each demo article through the workflow: the editor submits, a pharmacist approves."""
        reviewers = [users[spec["username"]] for spec in demo_data.DEMO_REVIEWERS]
        articles, created = {}, 0
        for index, spec in enumerate(demo_data.ARTICLES):
            key = (*spec["subject"], spec["slug"])
            reviewer = reviewers[
                index % len(reviewers)
            ]  # the reference article goes to Kristi Monson
            articles[key], is_new = self.load_article(spec, users["editor"], reviewer)
            created += is_new
        for spec in demo_data.ARTICLES:
            article = articles[(*spec["subject"], spec["slug"])]
            article.related_articles.add(*(articles[tuple(related)] for related in spec["related"]))
        return created

    def load_article(self, spec, editor, reviewer):
        subject_kind, subject_slug = spec["subject"]
        subject = {"drug": None, "condition": None}
        if subject_kind == "drug":
            subject["drug"] = Drug.objects.get(slug=subject_slug)
        else:
            subject["condition"] = Condition.objects.get(slug=subject_slug)
        lookup = {f"{subject_kind}__slug": subject_slug, "slug": spec["slug"]}
        if subject_kind == "condition":
            lookup["drug__isnull"] = True
        existing = Article.objects.filter(**lookup).first()
        if existing is not None:
            return existing, False
        text = {key: spec[key] for key in ("title", "lead", "body", "search_description")}
        article = workflow.create_article(
            author=editor, kind=spec["kind"], slug=spec["slug"], **subject, **text
        )
        if spec["state"] in ("in_review", "live"):
            revision = workflow.submit_revision(revision=article.latest_revision, submitter=editor)
            if spec["state"] == "live":
                workflow.approve_revision(revision=revision, reviewer_user=reviewer)
        return article, True

    def print_credentials(self):
        credentials = read_credentials()
        self.stdout.write("\nDemo users (log in at http://127.0.0.1:8000/admin/):")
        for username in ["admin", "editor", *(r["username"] for r in demo_data.DEMO_REVIEWERS)]:
            password = credentials.get(
                username, "(set earlier; reset with manage.py changepassword)"
            )
            self.stdout.write(f"  {username:<10} {password}")


def read_credentials():
    try:
        return json.loads(credentials_file().read_text())
    except (FileNotFoundError, ValueError):
        return {}


def write_credentials(credentials):
    path = credentials_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(credentials, indent=2))
    path.chmod(0o600)
