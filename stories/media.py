"""Whose a story's photograph's address is, for images/serving.py: the story, served only
while it is public (or to staff who may see it)."""

from pathlib import PurePosixPath

from images.serving import register, upload_lookup

from .models import Story, StoryLeadImage, StorySection


@register
def story_of(path: PurePosixPath) -> tuple[type, int] | None:
    lookup = upload_lookup(path, "stories")
    if lookup is None:
        return None
    for model in (StorySection, StoryLeadImage):
        story = model.objects.filter(**lookup).values_list("story_id", flat=True).first()
        if story is not None:
            return Story, story
    return None
