"""``/api/ingest``: paste an article or upload files; the ingest runs in the background
and its progress is read at ``/api/ingest/{job_id}``."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.datastructures import FormData, UploadFile

from dateline.model import JSON
from dateline.web.deps import JobsDep, SettingsDep, form_day
from dateline.web.jobs import IngestJobs, Job, Pasted, Upload

router = APIRouter(prefix="/api/ingest", tags=["ingest"])

# The most files, and other fields, one request may carry.
MAX_FILES = 50
MAX_FIELDS = 10


class PastedArticle(BaseModel):
    """An article pasted as text, page furniture and all."""

    text: str = Field(min_length=1, description="The article's text as copied from its page.")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000, pattern=r"^https?://\S+$")
    publisher: str | None = Field(None, max_length=200, description="Where it was published.")
    published: date | None = Field(None, description="When, where the text does not say.")


_REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "application/json": {"schema": PastedArticle.model_json_schema()},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                    "text": {"type": "string"},
                    "title": {"type": "string"},
                    "url": {"type": "string"},
                    "publisher": {"type": "string"},
                    "published": {"type": "string", "format": "date"},
                },
            }
        },
    },
}


@router.post(
    "",
    status_code=202,
    summary="Ingest a pasted article or uploaded files, in the background",
    openapi_extra={"requestBody": _REQUEST_BODY},
    responses={202: {"description": "The job, queued; its progress is at Location."}},
)
async def post_ingest(request: Request, jobs: JobsDep, settings: SettingsDep) -> JSONResponse:
    """A JSON body is one pasted article; a form carries files (``files``) and/or a pasted
    ``text``. Each file and the text may be at most the store's ``max_bytes``."""
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise HTTPException(411, "a Content-Length is required")
    if int(length) > MAX_FILES * settings.max_bytes:
        raise HTTPException(413, "the request is larger than the ingest limits allow")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        pasted = _validated(await request.body())
        job = jobs.submit(
            [Pasted(pasted.text, pasted.title, pasted.url)],
            published=pasted.published,
            publisher=pasted.publisher,
        )
    elif kind == "multipart/form-data":
        form = await request.form(max_files=MAX_FILES, max_fields=MAX_FIELDS)
        job = await submit_form(form, jobs, settings.max_bytes)
    else:
        raise HTTPException(415, "send JSON (a pasted article) or multipart/form-data (files)")
    return JSONResponse(job.to_json(), 202, headers={"Location": f"/api/ingest/{job.id}"})


@router.get("/{job_id}", summary="An ingest job: its state, progress and report")
def get_job(jobs: JobsDep, job_id: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]) -> JSON:
    job = jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no ingest job {job_id}")
    return job.to_json()


def _validated(given: bytes | dict[str, str]) -> PastedArticle:
    """The pasted article a JSON body or a form's fields give (422 when they do not)."""
    try:
        if isinstance(given, bytes):
            return PastedArticle.model_validate_json(given)
        return PastedArticle.model_validate(given)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None


async def submit_form(form: FormData, jobs: IngestJobs, max_bytes: int) -> Job:
    """Queue what a form carries: its files, and a pasted text with its fields."""
    uploads = []
    for item in form.getlist("files"):
        if item == "" or (isinstance(item, UploadFile) and not item.filename and not item.size):
            continue  # a form's file field left empty
        if not isinstance(item, UploadFile):
            raise HTTPException(422, "files: each must be a file")
        content = await item.read(max_bytes + 1)
        if len(content) > max_bytes:
            raise HTTPException(413, f"{item.filename}: larger than {max_bytes} bytes")
        uploads.append(Upload(item.filename or "upload", content))
    fields = {k: v for k, v in form.items() if isinstance(v, str) and v.strip()}
    pasted = _validated(fields) if "text" in fields else None
    if not uploads and pasted is None:
        raise HTTPException(422, "send files, a text, or both")
    return jobs.submit(
        [Pasted(pasted.text, pasted.title, pasted.url)] if pasted else [],
        uploads,
        published=pasted.published if pasted else form_day(fields.get("published"), "published"),
        publisher=fields.get("publisher"),
    )
