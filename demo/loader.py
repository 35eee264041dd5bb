"""Load the demo content from ``demo/data/``: users, drugs, conditions and articles.

Articles are published through the workflow services, as people would publish
them: the demo editor writes and submits each one, and the pharmacist its file
names as ``approved_by`` (never the author: four eyes) approves it. Every step
is idempotent: rows are looked up by their natural keys and only created when
missing, so a second run adds nothing.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from conditions.models import Condition, ConditionSymptom, Symptom
from drugs.models import BrandName, Drug, DrugClass, Use
from medinfo import workflow
from medinfo.models import Article, ArticleRevision, Reviewer
from medinfo.roles import EDITORS, REVIEWERS

from . import content

EDITOR = "editor"
DRUG_FIELDS = [
    "generic_name", "official_name", "prescription_status", "controlled_schedule", "summary",
]  # fmt: skip
USE_FIELDS = ["kind", "note", "minimum_age", "population_note", "evidence_level"]


def usernames() -> list[str]:
    """The demo accounts, in the order their passwords are printed."""
    return ["admin", EDITOR, *(spec["username"] for spec in content.reviewers())]


def ensure_users(credentials: dict) -> dict:
    """The superuser, the editor and the reviewers; new passwords go into ``credentials``."""
    reviewers = content.reviewers()
    specs = [("admin", None), (EDITOR, EDITORS)]
    specs += [(spec["username"], REVIEWERS) for spec in reviewers]
    users = {name: _ensure_user(name, group, credentials) for name, group in specs}
    for spec in reviewers:
        fields = {key: value for key, value in spec.items() if key != "username"}
        Reviewer.objects.get_or_create(user=users[spec["username"]], defaults=fields)
    return users


def _ensure_user(username, group, credentials):
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


def load_structured_data():
    """Drug classes, conditions with their symptoms, drugs with their brands and uses."""
    classes = {}
    for spec in content.drug_classes():
        classes[spec["slug"]], _ = DrugClass.objects.get_or_create(slug=spec["slug"], defaults=spec)
    conditions = {spec["slug"]: _load_condition(spec) for spec in content.conditions()}
    for spec in content.drugs():
        _load_drug(spec, classes, conditions)


def _load_condition(spec):
    fields = {key: spec[key] for key in ("name", "definition", "other_names")}
    condition, created = Condition.objects.get_or_create(slug=spec["slug"], defaults=fields)
    if created:
        for order, entry in enumerate(spec["symptoms"]):
            symptom = Symptom.objects.filter(name__iexact=entry["name"]).first()
            symptom = symptom or Symptom.objects.create(name=entry["name"])
            ConditionSymptom.objects.create(
                condition=condition, symptom=symptom, note=entry["note"], order=order
            )
    return condition


def _load_drug(spec, classes, conditions):
    fields = {key: spec[key] for key in DRUG_FIELDS}
    fields["drug_class"] = classes.get(spec["drug_class"])
    drug, created = Drug.objects.get_or_create(slug=spec["slug"], defaults=fields)
    if not created:
        return
    uses = {}
    for order, use in enumerate(spec["uses"]):
        fields = {key: use[key] for key in USE_FIELDS}
        condition = conditions[use["condition"]]
        uses[use["condition"]] = Use.objects.create(
            drug=drug, condition=condition, order=order, **fields
        )
    # A brand sold for some uses only names them; the uses must exist first.
    for order, brand in enumerate(spec["brands"]):
        fields = {key: value for key, value in brand.items() if key != "sold_for"}
        row = BrandName.objects.create(drug=drug, order=order, **fields)
        row.uses.set([uses[slug] for slug in brand["sold_for"]])


def load_articles(users: dict) -> int:
    """Add the articles missing so far, link related ones, then submit and approve the new ones.

    Related articles are page settings that are reviewed with the revision, so
    they are linked before submitting. Returns how many articles were added.
    """
    articles, new = {}, []
    specs = content.articles()
    for spec in specs:
        articles[_key(spec)], is_new = _load_article(spec, users)
        if is_new:
            new.append(spec)
    for spec in new:
        related = [articles[_key(link)] for link in spec["related"]]
        articles[_key(spec)].related_articles.add(*related)
    for spec in new:
        _publish(spec, articles[_key(spec)], users)
    return len(new)


def _key(spec):
    """("drug" | "condition", subject slug, article slug) of an article or a link to one."""
    subject_kind = "drug" if "drug" in spec else "condition"
    return subject_kind, spec[subject_kind], spec["slug"]


def _load_article(spec, users):
    subject_kind, subject_slug, slug = _key(spec)
    lookup = {f"{subject_kind}__slug": subject_slug, "slug": slug}
    if subject_kind == "condition":
        lookup["drug__isnull"] = True
    existing = Article.objects.filter(**lookup).first()
    if existing is not None:
        return existing, False
    model = Drug if subject_kind == "drug" else Condition
    subject = {subject_kind: model.objects.get(slug=subject_slug)}
    text = {key: spec[key] for key in ArticleRevision.DRAFT_FIELDS}
    editor = users[EDITOR]
    article = workflow.create_article(
        author=editor, kind=spec["kind"], slug=slug, **subject, **text
    )
    return article, True


def _publish(spec, article, users):
    """Take a new article to the state its file names: draft, in review or live."""
    editor = users[EDITOR]
    if spec["state"] in ("in_review", "live"):
        # Unattended: the demo texts go to review whatever their reading grade.
        revision = workflow.submit_revision(
            revision=article.latest_revision, submitter=editor, confirm_readability=True
        )
        if spec["state"] == "live":
            reviewer = users[spec["approved_by"]]
            workflow.approve_revision(revision=revision, reviewer_user=reviewer)
