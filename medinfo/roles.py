"""The editorial roles, as Django groups with model permissions.

The data migration ``0002_role_groups`` and every later ``migrate`` (post_migrate)
call ``sync_role_groups``, so a new model's permissions reach its role at once.
"""

EDITORS = "Editors"
REVIEWERS = "Pharmacist reviewers"
AD_MANAGERS = "Ad managers"
# Granted by an administrator, e.g. to a pharmacist who also maintains drugs and conditions;
# whoever holds it is still bound by four eyes over the facts they change (medinfo.foureyes).
FACT_EDITORS = "Fact editors"

# The structured fact models: editors maintain them, facts snapshots are built from
# them, and four eyes watches their histories (medinfo.foureyes).
STRUCTURED_MODELS = [
    "drugs.drugclass",
    "drugs.drug",
    "drugs.brandname",
    "drugs.use",
    "conditions.condition",
    "conditions.symptom",
    "conditions.conditionsymptom",
]


def _crud(models, actions=("add", "change", "delete", "view")):
    return [f"{m.split('.')[0]}.{a}_{m.split('.')[1]}" for m in models for a in actions]


_FACT_EDITING = _crud(STRUCTURED_MODELS)
_READING = [
    *_crud(["medinfo.article", "medinfo.articlerevision"], ("view",)),
    "medinfo.view_reviewer",
    "medinfo.view_reviewevent",
]
_WRITING = [*_crud(["medinfo.article", "medinfo.articlerevision"], ("add", "change")), *_READING]
# "app.*" grants every permission of that app, including models added later.
ROLE_PERMISSIONS = {
    EDITORS: [*_FACT_EDITING, *_WRITING],
    REVIEWERS: [
        # They read the articles and facts they review and decide; writing articles takes
        # the Editors group and changing facts the Fact editors group (both still bound by
        # four eyes), so neither is a default an administrator has to take away.
        *_crud(STRUCTURED_MODELS, ("view",)),
        *_READING,
        # Their own profile's bio and photo only (ReviewerAdmin); never the byline, which
        # needs medinfo.change_reviewer_byline, a permission no role holds.
        "medinfo.change_reviewer",
        "medinfo.approve_articlerevision",
    ],
    AD_MANAGERS: ["ads.*"],
    FACT_EDITORS: _FACT_EDITING,
}


def _permissions(permission_model, names):
    found = []
    for name in names:
        app_label, codename = name.split(".")
        matches = permission_model.objects.filter(content_type__app_label=app_label)
        if codename != "*":
            matches = matches.filter(codename=codename)
        found += list(matches)
    return found


def sync_role_groups(apps=None):
    """Create the role groups and give each exactly its permissions."""
    if apps is None:
        from django.apps import apps
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.set(_permissions(permission_model, names))
