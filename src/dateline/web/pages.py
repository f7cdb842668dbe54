"""Pages drawn from the package's Jinja2 templates, every value escaped as it is written
(autoescape; no template marks untrusted text safe)."""

from __future__ import annotations

from collections.abc import Mapping
from importlib.resources import files
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, pass_context


@pass_context
def path_for(context: Mapping[str, Any], name: str, **params: Any) -> str:
    """The path (not the whole URL: it holds behind any proxy) of a named route."""
    request: Request = context["request"]
    return str(request.app.url_path_for(name, **{k: str(v) for k, v in params.items()}))


_ENVIRONMENT = Environment(
    loader=FileSystemLoader(str(files("dateline.web") / "templates")), autoescape=True
)
_ENVIRONMENT.globals["path_for"] = path_for
TEMPLATES = Jinja2Templates(env=_ENVIRONMENT)


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """The page a template draws with ``context``."""
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status)


def text_of(request: Request, template: str, **context: Any) -> str:
    """What a template draws with ``context``, as text (a page to keep)."""
    return TEMPLATES.get_template(template).render(request=request, **context)
