"""``/api/articles`` and ``/api/search``: articles, one with its analysis, and full-text
search over titles and texts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from dateline import service
from dateline.model import JSON, StoredArticle
from dateline.web.deps import MAX_LIMIT, MAX_OFFSET, PageDep, StoreDep

router = APIRouter(tags=["articles"])


@router.get("/api/articles", summary="Articles, oldest first (undated last)")
def list_articles(store: StoreDep, page: PageDep) -> JSON:
    return page.of(list(service.articles(store)), StoredArticle.listing_json)


@router.get("/api/articles/{article_id}", summary="One article with its analysis")
def get_article(
    store: StoreDep,
    article_id: Annotated[
        str, Path(min_length=4, max_length=16, description="The id, or a unique prefix of it.")
    ],
) -> JSON:
    detail = service.article(store, article_id)
    return {**detail.to_json(), "story": store.stories.story_of(detail.stored.id)}


@router.get("/api/search", summary="Articles whose title or text holds every word")
def search(
    store: StoreDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=500,
            description='Words and "quoted phrases", all of which an article must hold.',
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> JSON:
    found = service.search(store, q, limit=limit, offset=offset)
    return {
        "query": found.query,
        "total": found.total,
        "limit": limit,
        "offset": offset,
        "items": [hit.to_json() for hit in found.hits],
    }
