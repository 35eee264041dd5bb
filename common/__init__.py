"""Building blocks with no domain of their own, used by every app: plain-text rules for
stored names and text, and the admin base classes for change history.

Not an installed app: it has no models, and imports no app of the project.
"""
