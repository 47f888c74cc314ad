"""Files of a known shape, read into the columns the archive imports: the TimelineJS sheet
for events (archive/timelinejs.py), and bibliographies for publications, their authors and
authorships (archive/bibliography/shape.py). Every import reads its file through here."""

from . import readers, timelinejs
from .bibliography import shape as bibliography

SHAPES = {"timeline.event": timelinejs}
FILE_SHAPES = dict.fromkeys(bibliography.LABELS, bibliography)


def read_for(
    data: bytes, *, name: str, label: str, fmt: str = "", encoding: str = ""
) -> readers.Table:
    """The file as ``readers.read`` reads it, in the columns of the model ``label`` when
    it has a shape that model knows."""
    file_shape = FILE_SHAPES.get(label.lower())
    if (
        file_shape is not None
        and fmt in ("", *file_shape.EXTENSIONS, "json")
        and file_shape.reads(data, name=name)
    ):
        return file_shape.read(data, name=name, label=label.lower())
    table = readers.read(data, name=name, fmt=fmt, encoding=encoding)
    shape = SHAPES.get(label.lower())
    if shape is not None and shape.recognises(table.headers):
        return shape.adapt(table)
    return table
