"""Demo advertising for ``manage.py load_demo``: placements, two made-up campaigns, ads.txt.

Every advertiser and exchange here is fictional (".example" domains). Idempotent:
objects are looked up by their natural keys and only created when missing.
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from conditions.models import Condition
from drugs.models import DrugClass

from .models import (
    AdSize,
    AdsTxtRecord,
    AdsTxtRelationship,
    AdsTxtVariable,
    Campaign,
    CampaignStatus,
    Creative,
    Placement,
    size_dimensions,
)

PLACEMENTS = [
    ("article-top", "Top of an article", AdSize.LEADERBOARD, AdSize.MOBILE_BANNER),
    ("article-middle", "Between article sections", AdSize.MEDIUM_RECTANGLE,
     AdSize.MEDIUM_RECTANGLE),
    ("article-bottom", "End of an article", AdSize.LEADERBOARD, AdSize.MOBILE_BANNER),
    ("sidebar", "Beside the content", AdSize.MEDIUM_RECTANGLE, AdSize.MEDIUM_RECTANGLE),
]  # fmt: skip

PHARMACY_URL = "https://pharmacy.example/"
CLINIC_URL = "https://sleepclinic.example/"
# (campaign name, advertiser, weight, destination, [(creative name, size, headline, text)])
CAMPAIGNS = [
    ("Refills delivered (demo)", "Example Pharmacy", 2, PHARMACY_URL, [
        ("Leaderboard text", AdSize.LEADERBOARD, "Prescriptions delivered free",
         "Example Pharmacy: order refills online. A demo ad."),
        ("Mobile banner text", AdSize.MOBILE_BANNER, "Refills delivered free", "A demo ad."),
    ]),
    ("Better sleep (demo)", "Example Sleep Clinic", 1, CLINIC_URL, [
        ("Leaderboard text", AdSize.LEADERBOARD, "Trouble sleeping?",
         "Example Sleep Clinic: talk to a sleep specialist. A demo ad."),
        ("Mobile banner text", AdSize.MOBILE_BANNER, "Trouble sleeping?", "A demo ad."),
        ("Rectangle text", AdSize.MEDIUM_RECTANGLE, "Sleep better tonight",
         "Example Sleep Clinic helps people with chronic pain sleep. A demo ad."),
    ]),
]  # fmt: skip
# The sleep clinic targets pain and mood pages.
CLINIC_CONDITIONS = ["fibromyalgia", "depression", "diabetic-neuropathy"]
CLINIC_CLASSES = ["snri", "ssri"]

ADS_TXT_RECORDS = [
    ("adexchange.example", "pub-0000000000000001", AdsTxtRelationship.DIRECT, "f08c47fec0942fa0"),
    ("resell.example", "7777", AdsTxtRelationship.RESELLER, ""),
]
ADS_TXT_VARIABLES = [
    (AdsTxtVariable.Name.CONTACT, "ads@medinfo.example"),
    (AdsTxtVariable.Name.OWNERDOMAIN, "medinfo.example"),
]


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
    for code, name, size, mobile_size in PLACEMENTS:
        Placement.objects.get_or_create(
            code=code, defaults={"name": name, "size": size, "mobile_size": mobile_size}
        )
    added = sum(_load_campaign(*spec) for spec in CAMPAIGNS)
    for domain, account, relationship, authority in ADS_TXT_RECORDS:
        AdsTxtRecord.objects.get_or_create(
            ad_system_domain=domain,
            publisher_account_id=account,
            relationship=relationship,
            defaults={"certification_authority_id": authority, "comment": "Demo: fictional."},
        )
    for name, value in ADS_TXT_VARIABLES:
        AdsTxtVariable.objects.get_or_create(name=name, value=value)
    return added


def _load_campaign(name, advertiser, weight, destination, creatives):
    today = timezone.localdate()
    campaign, created = Campaign.objects.get_or_create(
        name=name,
        defaults={
            "advertiser": advertiser,
            "status": CampaignStatus.ACTIVE,
            "start_date": today - datetime.timedelta(days=30),
            "end_date": today + datetime.timedelta(days=365),
            "weight": weight,
        },
    )
    if not created:
        return False
    for creative_name, size, headline, text in creatives:
        Creative.objects.create(
            campaign=campaign, name=creative_name, size=size, headline=headline,
            text=text, destination_url=destination,
        )  # fmt: skip
    if advertiser == "Example Pharmacy":
        caption = "Example Pharmacy - refills delivered free\n(demo advertisement)"
        Creative.objects.create(
            campaign=campaign,
            name="Rectangle image",
            size=AdSize.MEDIUM_RECTANGLE,
            image=demo_image(AdSize.MEDIUM_RECTANGLE, caption),
            alt_text="Example Pharmacy: prescription refills delivered free (demo ad)",
            destination_url=destination,
        )
    else:
        campaign.include_conditions.set(Condition.objects.filter(slug__in=CLINIC_CONDITIONS))
        campaign.include_drug_classes.set(DrugClass.objects.filter(slug__in=CLINIC_CLASSES))
    return True
