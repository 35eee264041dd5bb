"""Public advertising endpoints."""

from django.http import HttpResponse

from .models import AdsTxtRecord, AdsTxtVariable


def ads_txt(request):
    """/ads.txt in the IAB format: one seller per line, then CONTACT/OWNERDOMAIN variables."""
    lines = [record.line for record in AdsTxtRecord.objects.all()]
    lines += [f"{variable.name}={variable.value}" for variable in AdsTxtVariable.objects.all()]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
