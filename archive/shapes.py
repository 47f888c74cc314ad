"""Files of a known shape, read into the columns the archive imports: today the TimelineJS
sheet for events (archive/timelinejs.py). Every import reads its file through here."""

from . import readers, timelinejs

SHAPES = {"timeline.event": timelinejs}


def read_for(
    data: bytes, *, name: str, label: str, fmt: str = "", encoding: str = ""
) -> readers.Table:
    """The file as ``readers.read`` reads it, in the columns of the model ``label`` when
    it has a shape that model knows."""
    table = readers.read(data, name=name, fmt=fmt, encoding=encoding)
    shape = SHAPES.get(label.lower())
    if shape is not None and shape.recognises(table.headers):
        return shape.adapt(table)
    return table
