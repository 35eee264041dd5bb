"""The form renderer: Django's own Jinja2 copies of its widget templates, which render the
same HTML several times faster than the Django-template copies (an admin change form
renders about ninety widgets, issue #15). Templates that only exist as Django templates
(the admin's widget wrappers, the rich-text editor) are rendered as before."""

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class WidgetRenderer(BaseRenderer):
    def __init__(self):
        self.jinja2 = Jinja2()
        self.django = DjangoTemplates()

    def get_template(self, template_name):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django.get_template(template_name)
