import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Words that say nothing about what an image shows, in the site's three languages.
_EMPTY_WORDS = {"image", "photo", "picture", "img", "изображение", "фото", "картинка", "сурет"}
_FILE_NAME = re.compile(r"\.(jpe?g|png|webp|gif|tiff?|bmp|heic)$|^(img|dsc|dscn|pxl)[_-]?\d+", re.I)


def validate_alt_text(value: str) -> None:
    """Alternative text must describe the image, not name its file or say "photo"."""
    text = value.strip()
    if len(text) < 5 or text.casefold() in _EMPTY_WORDS or _FILE_NAME.search(text):
        raise ValidationError(
            _("Describe what the image shows (not its file name or the word “photo”)."),
            code="alt_text",
        )
