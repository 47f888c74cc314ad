"""The stories' public pages: the list, newest first, and a story with its sections."""

from django.conf import settings
from django.views.generic import ListView

from core.preview import PublicDetailView
from heritage.views import item_points

from .models import Story, StorySection


class StoryListView(ListView):
    queryset = Story.objects.published().for_listing().newest_first()
    template_name = "stories/story_list.html"
    context_object_name = "stories"
    paginate_by = 12


class StoryDetailView(PublicDetailView):
    """A published story (staff who may view stories also see one before it is); the
    records it embeds only as far as they are published themselves."""

    model = Story
    template_name = "stories/story_detail.html"
    context_object_name = "story"

    def get_context_data(self, **kwargs):
        sections = self.object.section_list
        for section in sections:
            section.points = section_points(section) if section.show_map else []
        return super().get_context_data(
            sections=sections,
            has_map=any(section.points for section in sections),
            map_tiles=settings.MAP_TILE_URL,
            **kwargs,
        )


def section_points(section: StorySection) -> list[dict]:
    """The places of the section's map, as the heritage maps have them: each published
    heritage item it embeds that has a place, and the located component sites of each."""
    return [
        point for item in section.heritage_list for point in item_points(item, item.located_sites)
    ]
