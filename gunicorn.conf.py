"""gunicorn's settings for MedInfo, read by default when gunicorn starts in this folder.

gunicorn does not tell the application how many worker processes serve it; the
production settings need to know, because several workers must share one cache
(``medinfo.settings.prod``). The master exports the count before it forks them.
"""

import os


def on_starting(server):
    os.environ["MEDINFO_APP_SERVER_WORKERS"] = str(server.cfg.workers)


# The site lives at the root of its host (the URL contract). By default gunicorn takes
# SCRIPT_NAME and PATH_INFO from request headers sent from 127.0.0.1, and Varnish in
# front passes a client's headers on: one request with "SCRIPT_NAME: /zzz" had a hub
# drawn with every link under /zzz/, and the page cache then served it to every reader
# (outside attack). No header may set them; gunicorn drops such headers.
forwarder_headers = ""
