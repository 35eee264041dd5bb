"""Demo advertising for ``manage.py load_demo``, read from ``demo/data/ads.yaml``.

Placements, two made-up campaigns and ads.txt lines; every advertiser and
exchange is fictional (".example" domains). Idempotent: objects are looked up by
their natural keys and only created when missing.
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from ads.models import (
    AdsTxtRecord,
    AdsTxtVariable,
    Campaign,
    CampaignStatus,
    Creative,
    Placement,
    size_dimensions,
)
from conditions.models import Condition
from drugs.models import DrugClass

from . import content


def demo_image(size, caption):
    """A PNG of exactly ``size`` with a caption, made at load time (no binary in the repo)."""
    width, height = size_dimensions(size)
    image = Image.new("RGB", (width, height), "#e6f0fa")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width - 1, height - 1], outline="#0b5cad", width=3)
    draw.text((16, 16), caption, fill="#083f77")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name="demo.png")


def load_demo_ads():
    """Create whatever part of the demo advertising is missing; returns the campaigns added."""
    advertising = content.advertising()
    for spec in advertising["placements"]:
        fields = {key: spec[key] for key in ("name", "size", "mobile_size")}
        Placement.objects.get_or_create(code=spec["code"], defaults=fields)
    added = sum(_load_campaign(spec) for spec in advertising["campaigns"])
    _load_ads_txt(advertising["ads_txt"])
    return added


def _load_ads_txt(spec):
    for record in spec["records"]:
        AdsTxtRecord.objects.get_or_create(
            ad_system_domain=record["domain"],
            publisher_account_id=record["account"],
            relationship=record["relationship"],
            defaults={
                "certification_authority_id": record.get("certification_authority", ""),
                "comment": "Demo: fictional.",
            },
        )
    for variable in spec["variables"]:
        AdsTxtVariable.objects.get_or_create(name=variable["name"], value=variable["value"])


def _load_campaign(spec):
    today = timezone.localdate()
    campaign, created = Campaign.objects.get_or_create(
        name=spec["name"],
        defaults={
            "advertiser": spec["advertiser"],
            "status": CampaignStatus.ACTIVE,
            "start_date": today - datetime.timedelta(days=30),
            "end_date": today + datetime.timedelta(days=365),
            "weight": spec["weight"],
        },
    )
    if not created:
        return False
    for creative in spec.get("creatives", []):
        Creative.objects.create(
            campaign=campaign, name=creative["name"], size=creative["size"],
            headline=creative["headline"], text=creative["text"],
            destination_url=spec["destination"],
        )  # fmt: skip
    for creative in spec.get("image_creatives", []):
        Creative.objects.create(
            campaign=campaign, name=creative["name"], size=creative["size"],
            image=demo_image(creative["size"], creative["caption"]),
            alt_text=creative["alt_text"], destination_url=spec["destination"],
        )  # fmt: skip
    targeting = spec.get("targeting", {})
    if targeting:
        campaign.include_conditions.set(
            Condition.objects.filter(slug__in=targeting.get("conditions", []))
        )
        campaign.include_drug_classes.set(
            DrugClass.objects.filter(slug__in=targeting.get("drug_classes", []))
        )
    return True
