"""The form renderer: Django's own Jinja2 copies of its widget templates, which render the
same document with less work than the Django-template copies. An admin change form
renders about ninety widgets: the benchmark's three change forms cost 16 % fewer
instructions (issue #15, bench/README.md). Templates that only exist as Django templates
(the admin's widget wrappers, the rich-text editor) are rendered as before."""

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class WidgetRenderer(BaseRenderer):
    def __init__(self):
        self.jinja2 = Jinja2()
        self.django = DjangoTemplates()
        # Names Jinja2 has no template for, so a form does not search its folders again for
        # each wrapper it draws. Only a new template file is missed (until a restart).
        self.django_only = set()

    def get_template(self, template_name):
        if template_name not in self.django_only:
            try:
                return self.jinja2.get_template(template_name)
            except TemplateDoesNotExist:
                self.django_only.add(template_name)
        return self.django.get_template(template_name)
