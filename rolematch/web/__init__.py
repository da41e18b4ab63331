"""A local web page for rolematch (``rolematch serve``): upload a résumé, match it
against a role, a job posting or every role, read and download the fit report, and
score batches — each page a call into the same library functions the CLI uses.

>>> from rolematch.web import create_app, WebOptions      # doctest: +SKIP
>>> import uvicorn; uvicorn.run(create_app(WebOptions()), host="127.0.0.1", port=8000)
"""

from __future__ import annotations

from ._uploads import UploadLimits
from .app import CSP, LOOPBACK_NAMES, WebOptions, create_app, is_loopback

__all__ = ["CSP", "LOOPBACK_NAMES", "UploadLimits", "WebOptions", "create_app", "is_loopback"]
