"""gunicorn settings for production: ``gunicorn -c deploy/gunicorn/gunicorn.conf.py settings.wsgi``.

The application is loaded once, in the master, before the workers are forked: the
dictionaries Chinese search needs (jieba, OpenCC, pypinyin; about 100 MB, loaded by
``search.apps``) and Django's own state are then shared by every worker instead of
being loaded again in each, and no worker pays for them on its first request. The
objects loaded so far are frozen out of the garbage collector, which would otherwise
touch (and so copy) every shared page the first time it runs in a worker.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
worker_class = "sync"
preload_app = True
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
timeout = 30
control_socket_disable = True


def pre_fork(server, worker):
    gc.freeze()
