"""gunicorn's settings for MedInfo, read by default when gunicorn starts in this folder.

gunicorn does not tell the application how many worker processes serve it; the
production settings need to know, because several workers must share one cache
(``medinfo.settings.prod``). The master exports the count before it forks them.
"""

import os


def on_starting(server):
    os.environ["MEDINFO_APP_SERVER_WORKERS"] = str(server.cfg.workers)


# SCRIPT_NAME and PATH_INFO come from the server, never from a request. By default gunicorn
# takes both from request headers sent from 127.0.0.1, and Varnish in front passes a
# client's headers on: one request with "SCRIPT_NAME: /zzz" had a hub drawn with every
# link under /zzz/, and the page cache then served it to every reader (outside attack).
# gunicorn now drops such headers. A site mounted below a prefix sets SCRIPT_NAME in
# gunicorn's environment, which gunicorn still reads, so every request shares it.
forwarder_headers = ""
