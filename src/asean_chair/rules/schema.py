"""The JSON Schema of the rules format, generated from the models.

Editors that use the YAML language server give completion and inline errors
from it (``# yaml-language-server: $schema=...`` at the top of a file).
"""

from __future__ import annotations

from typing import Any, Union

from pydantic import ConfigDict, Field, create_model

from .models import SECTIONS, Model, Overlay, PackMeta

SCHEMA_ID = "https://asean-chair.invalid/schema/rules.schema.json"


def _pack_file_model() -> type[Model]:
    fields: dict[str, Any] = {}
    for section, model in SECTIONS.items():
        item = Union[model, Overlay]  # type: ignore[valid-type]  # noqa: UP007
        fields[section] = (
            list[item] | None,
            Field(None, description=f"{model.__doc__.splitlines()[0] if model.__doc__ else ''} "
                                    f"A list of {section}, each with a unique `id`."),
        )
    return create_model(
        "PackFile", __base__=Model, __doc__="A pack file: any of the sections below.", **fields
    )


def rules_schema() -> dict[str, Any]:
    """The JSON Schema of a pack's content files (every file but ``pack.yaml``)."""
    schema = _pack_file_model().model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "ASEAN Chair rule pack file"
    overlay = schema.get("$defs", {}).get("Overlay")
    if overlay is not None:  # with `replace: true` an overlay carries the whole item
        overlay["additionalProperties"] = True
    return schema


def pack_meta_schema() -> dict[str, Any]:
    """The JSON Schema of ``pack.yaml``."""
    schema = PackMeta.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ASEAN Chair pack.yaml"
    return schema


__all__ = ["ConfigDict", "pack_meta_schema", "rules_schema"]
