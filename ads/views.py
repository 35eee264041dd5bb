"""Public advertising endpoints: /ads.txt, and the JSON, beacon and redirect behind ads.js.

None of them is ever cached (settings.MEDINFO_PAGE_CACHE_SKIP_PREFIXES skips
"/ads/"): each response is for one ad view by one visitor.
"""

import random

from django import forms
from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .counting import (
    CLICK_SALT,
    IMPRESSION_SALT,
    InvalidToken,
    count_click,
    count_impression,
    first_use,
    is_bot,
    new_nonce,
    read_token,
    sign_token,
)
from .inventory import choose_creative, inventory, page_targeting, placement_table
from .models import AdSize, AdsTxtRecord, AdsTxtVariable, Creative

# The random source of ad selection; tests replace it with a seeded one.
RANDOM = random.Random()  # noqa: S311 - choosing ads, not secrets  # nosec B311


def ads_txt(request):
    """/ads.txt in the IAB format: one seller per line, then CONTACT/OWNERDOMAIN variables."""
    lines = [record.line for record in AdsTxtRecord.objects.all()]
    lines += [f"{variable.name}={variable.value}" for variable in AdsTxtVariable.objects.all()]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def row_id_field():
    """A drug, class or condition id: slugs (from pages cached before ids) are refused, not ignored."""
    return forms.IntegerField(min_value=1, max_value=2**63 - 1, required=False)


class ServeForm(forms.Form):
    """The query string ads.js sends: where the slot is and the ids of what the page is about."""

    placement = forms.SlugField(max_length=50)
    size = forms.ChoiceField(choices=AdSize.choices)
    drug = row_id_field()
    drug_class = row_id_field()
    condition = row_id_field()

    def __init__(self, query):
        data = query.copy()
        data.setdefault("drug_class", query.get("class", ""))
        super().__init__(data)


def bad_request(message):
    return JsonResponse({"error": message}, status=400)


@never_cache
@require_GET
def serve(request):
    """Pick the creative for one slot: JSON describing it, 204 when none is eligible."""
    form = ServeForm(request.GET)
    if not form.is_valid():
        return bad_request("Malformed parameters: " + ", ".join(sorted(form.errors)))
    params = form.cleaned_data
    placement = placement_table().get(params["placement"])
    if placement is None:
        return bad_request("Unknown placement.")
    if params["size"] not in (placement["size"], placement["mobile_size"]):
        return bad_request("This placement has no such size.")
    if not placement["enabled"]:
        return HttpResponse(status=204)
    targeting = page_targeting(
        drug=params["drug"], drug_class=params["drug_class"], condition=params["condition"]
    )
    candidate = choose_creative(
        inventory().get(params["size"], []),
        targeting=targeting,
        today=timezone.localdate(),
        rng=RANDOM,
    )
    if candidate is None:
        return HttpResponse(status=204)
    return JsonResponse(served_ad(candidate))


def served_ad(candidate):
    """The creative's JSON with a fresh nonce in its click URL and impression token."""
    nonce = new_nonce()
    click = sign_token(creative_id=candidate.creative_id, nonce=nonce, salt=CLICK_SALT)
    impression = sign_token(creative_id=candidate.creative_id, nonce=nonce, salt=IMPRESSION_SALT)
    return {**candidate.ad, "click": reverse("ads:click", args=[click]), "impression": impression}


@csrf_exempt  # a signed token, not a session, authorises the beacon
@never_cache
@require_POST
def impression(request):
    """Count one viewable impression per token (navigator.sendBeacon from ads.js): 204 or 400."""
    try:
        creative_id, nonce = read_token(
            request.POST.get("token", ""),
            salt=IMPRESSION_SALT,
            max_age=settings.MEDINFO_ADS_IMPRESSION_MAX_AGE,
        )
    except InvalidToken:
        return bad_request("Invalid or expired impression token.")
    creative = Creative.objects.select_related("campaign").filter(pk=creative_id).first()
    if (
        creative is not None
        and not is_bot(request.headers.get("User-Agent", ""))
        and first_use(
            kind="impression", nonce=nonce, max_age=settings.MEDINFO_ADS_IMPRESSION_MAX_AGE
        )
    ):
        count_impression(creative=creative)
    return HttpResponse(status=204)


@never_cache
@require_GET
def click(request, token):
    """Count the click once and send the visitor to the creative's stored destination."""
    try:
        creative_id, nonce = read_token(
            token, salt=CLICK_SALT, max_age=settings.MEDINFO_ADS_CLICK_MAX_AGE
        )
    except InvalidToken:
        return render(request, "400.html", status=400)
    creative = get_object_or_404(Creative, pk=creative_id)
    counted = not is_bot(request.headers.get("User-Agent", "")) and first_use(
        kind="click", nonce=nonce, max_age=settings.MEDINFO_ADS_CLICK_MAX_AGE
    )
    if counted:
        count_click(creative=creative)
    # The destination comes from the database, never from the request.
    return HttpResponseRedirect(creative.destination_url)
