from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info


def site(request):
    """The language switcher and hreflang alternates: the same page in each language."""
    path = request.get_full_path()
    languages = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
        }
        for code, _name in settings.LANGUAGES
    ]
    return {"language_links": languages, "OPEN_DATA_LICENCE": settings.OPEN_DATA_LICENCE}
