"""The shared pieces of the rules format: the base model and the value types."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from ...expr import MAX_NUMBER
from ..source import Mark, MDict

FORMAT_VERSION = 1

# MAX_NUMBER, the largest size of any number a pack writes, is the expression
# language's: real packs need far less; anything bigger is a mistake (or an
# attack) that would overflow sums.

def _within_limits(x: float) -> float:
    if not -MAX_NUMBER <= x <= MAX_NUMBER:
        raise ValueError(f"{x:,} is too large: numbers in a rule pack are at most "
                         f"{MAX_NUMBER:,} in size")
    return x


# The limit is a validator, not ge/le constraints: a field's own bounds
# (`Field(ge=1, le=60)`) would otherwise be replaced by these.
Int = Annotated[int, AfterValidator(_within_limits)]
"""A whole number from -1,000,000,000 to 1,000,000,000."""
Number = Annotated[float, Field(allow_inf_nan=False), AfterValidator(_within_limits)]
"""A finite number from -1,000,000,000 to 1,000,000,000."""

# What the JSON Schema (the editor) adds to the value types below: a pattern
# that catches the common slips while typing, and the message shown for it.
# The loader checks the same values in full; the patterns only ever accept
# more, never less, than the loader does.

#: Characters and operators an expression may hold; a few likely slips
#: (`>>`, `=>`, a lone `=`, `&&`, `**`, a `!` that is not `!=`) are refused.
EXPRESSION_PATTERN = (r"^(?![\s\S]*(?:>>|<<|=>|=<|&&|===|\*\*|(?<![<>=!])=(?!=)|!(?!=)))"
                      r"[A-Za-z0-9_.\s()<>=!+\-*/%,]+$")
_EXPRESSION_HINT = ("Not an expression of the rules format. Use names (autonomy, rel.north, "
                    "flag.x, counter.x, capital, turn), numbers, + - * / // %, "
                    "< <= > >= == !=, and, or, not, parentheses and min max abs round floor "
                    "ceil. `asean-chair validate` shows where it breaks.")
TARGET_PATTERN = r"^(capital|(rel\.|counter\.)?[a-z][a-z0-9_]*)$"

Id = Annotated[
    str,
    Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64,
          description="An identifier: lower case letters, digits and _, starting with a letter.",
          json_schema_extra={"patternErrorMessage": "An id is lower case letters, digits and _, "
                                                    "starting with a letter: `port_deal`."}),
]
Condition = Annotated[
    str | bool,
    Field(description="A condition in the expression language, e.g. `autonomy >= 40 and not "
                      "flag.ream_open`.",
          json_schema_extra={"pattern": EXPRESSION_PATTERN,
                             "patternErrorMessage": _EXPRESSION_HINT,
                             "examples": ["autonomy >= 40", "rel.north > 50 and not flag.deal",
                                          "20 <= cohesion < 60"]}),
]
Amount = Annotated[
    Int | Number | str,
    Field(description="A number, or an expression that gives one, e.g. `5` or `rel.north / 10`.",
          json_schema_extra={"pattern": EXPRESSION_PATTERN,
                             "patternErrorMessage": _EXPRESSION_HINT}),
]
Target = Annotated[
    str,
    Field(description="What a value change applies to: a track id (`autonomy`), a relation "
                      "(`rel.north`), a counter (`counter.un_votes`) or `capital`.",
          json_schema_extra={"pattern": TARGET_PATTERN,
                             "patternErrorMessage": "A target is a track id (`autonomy`), "
                                                    "`rel.<actor>`, `counter.<id>` or "
                                                    "`capital`."}),
]


class Model(BaseModel):
    """Base of every pack model: unknown fields are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              use_attribute_docstrings=False)

    # The YAML mapping this model was read from, for error positions.
    _src: Any = PrivateAttr(default=None)

    # Compiled expressions of this item, by field, filled in by the compiler.
    _exprs: dict[str, Any] = PrivateAttr(default_factory=dict)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        # Pydantic fills in private attributes after every validation with a
        # general Python function (a few microseconds, for thousands of items
        # a load); these two are filled in directly. A model adding private
        # attributes of its own keeps pydantic's way.
        if cls.__private_attributes__.keys() == {"_src", "_exprs"}:
            cls.model_post_init = _init_private  # type: ignore[method-assign]

    @model_validator(mode="wrap")
    @classmethod
    def _remember_source(cls, data: Any, handler: Any) -> Any:
        model = handler(data)
        if isinstance(data, MDict):
            private(model)["_src"] = data  # private attributes may change on a frozen model
        return model

    def where(self, field: str | None = None) -> Mark | None:
        """Where this item (or one of its fields) was written in its pack."""
        src = private(self)["_src"]
        if field is not None and isinstance(src, MDict) and field in src.value_marks:
            return src.value_marks[field]
        return getattr(src, "mark", None)

    def compiled(self, field: str) -> Any:
        """The compiled expression(s) of ``field``: an ``Expr``, or a dict of them."""
        return private(self)["_exprs"][field]


def private(model: BaseModel) -> dict[str, Any]:
    """A model's private attributes (``_src``, ``_exprs``) by name.

    The same values as ``model._src``, read without pydantic's attribute
    fallback (an exception caught, then a Python ``__getattr__``), which
    costs more than the rest of a hot loop.
    """
    return model.__pydantic_private__  # type: ignore[return-value]


def _init_private(self: BaseModel, context: Any, /) -> None:
    """``Model``'s private attributes at their defaults, as pydantic would set them."""
    if getattr(self, "__pydantic_private__", None) is None:
        object.__setattr__(self, "__pydantic_private__", {"_src": None, "_exprs": {}})

TurnRef = Annotated[
    Int | str,
    Field(description="A turn: its number in the scenario's calendar (1 is the first), or its "
                      "name or short name (`Nov`, `W3`, `Early spring`)."),
]


class TextMark:
    """Marks a field that players read: translations may replace it, and a
    locale file is checked against these fields."""


Text = Annotated[str, TextMark()]
"""Text players read (a title, a label, a description...)."""
