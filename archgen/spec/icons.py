"""The ``icon:`` key of a node: a path to an image file, relative to the spec file.

Here only its shape is checked; resolve reads the file, which must lie inside the
project (``project/project_files.py``) and be a PNG, JPEG or safe SVG
(``resolve/icon_image.py``).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema

from archgen.spec.strings import shown

MAX_ICON_PATH_CHARACTERS = 1_024
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")


def icon_path(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected the path of an image file, such as 'icons/logo.png'")
    if not value.strip():
        raise ValueError("the icon's path is empty; write one such as 'icons/logo.png'")
    if len(value) > MAX_ICON_PATH_CHARACTERS:
        raise ValueError(
            f"the icon's path is {len(value):,} characters long; "
            f"at most {MAX_ICON_PATH_CHARACTERS:,}"
        )
    if value.startswith(("/", "~")) or _WINDOWS_DRIVE.match(value):
        raise ValueError(
            f"icon {shown(value)} is an absolute path; write it relative to the spec "
            "file, inside the project, such as 'icons/logo.png'"
        )
    if "\\" in value:
        raise ValueError(f"icon {shown(value)}: separate folders with '/', not '\\'")
    return value


IconPath = Annotated[
    str,
    PlainValidator(icon_path),
    WithJsonSchema({"type": "string", "pattern": "^[^/~\\\\]", "minLength": 1}),
]
