"""gunicorn's settings for MedInfo, read by default when gunicorn starts in this folder.

gunicorn does not tell the application how many worker processes serve it; the
production settings need to know, because several workers must share one cache
(``medinfo.settings.prod``). The master exports the count before it forks them.
"""

import os


def on_starting(server):
    os.environ["MEDINFO_APP_SERVER_WORKERS"] = str(server.cfg.workers)
