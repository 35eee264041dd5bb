"""Static files finder that leaves third-party demo and test pages behind.

CKEditor 4's samples folder and its plugins' manual test pages are complete HTML
pages running the editor with demo settings; served from the site's own origin
they would be an easy target, so they are never collected (collectstatic) nor
served (runserver and the live test server use finders too).
"""

from fnmatch import fnmatch

from django.contrib.staticfiles.finders import AppDirectoriesFinder

EXCLUDED_STATIC_PATTERNS = (
    "ckeditor/ckeditor/samples",
    "ckeditor/ckeditor/plugins/*/tests",
    "ckeditor/ckeditor/bender-runner.config.json",
)


def is_excluded(path):
    """True for a path inside, or naming, an excluded folder or file."""
    path = path.replace("\\", "/").lstrip("/")
    return any(
        fnmatch(path, pattern) or fnmatch(path, f"{pattern}/*")
        for pattern in EXCLUDED_STATIC_PATTERNS
    )


class AppDirectoriesFinderWithoutDemos(AppDirectoriesFinder):
    """Django's app-directories finder minus EXCLUDED_STATIC_PATTERNS."""

    def list(self, ignore_patterns):
        for path, storage in super().list(ignore_patterns):
            if not is_excluded(path):
                yield path, storage

    def find(self, path, find_all=False, **kwargs):
        if is_excluded(path):
            return []  # like Django's finders when nothing matches
        return super().find(path, find_all, **kwargs)
