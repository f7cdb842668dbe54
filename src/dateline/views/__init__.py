"""Read-only views over the store: listings of stories, events and actors, and exports."""
from dateline.views.export import (FORMATS, SCHEMA_VERSION, ExportFormatError,
                                   StoryNotFoundError, entities, export_json, export_text,
                                   find_story, story_events, story_listing)

__all__ = ["FORMATS", "SCHEMA_VERSION", "ExportFormatError", "StoryNotFoundError", "entities",
           "export_json", "export_text", "find_story", "story_events", "story_listing"]
