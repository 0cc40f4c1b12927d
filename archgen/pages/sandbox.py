"""The Jinja2 environment every page template renders in: a sandbox, with bounds.

A templates folder is as much a pull-request input as a spec, so a template may do
what a page needs and nothing else:

- it runs in Jinja2's ``ImmutableSandboxedEnvironment``: no attribute that starts with
  ``_`` (so no ``__globals__``, ``__class__``, ``__subclasses__``), no internal
  attribute of functions, frames or generators, no method that changes a list, a dict
  or a set; ``lipsum`` is gone from the globals;
- it calls archgen's functions (``translate``, ``in_language``), its own macros,
  Jinja2's globals (``range``, ``namespace``, ``dict``, ``cycler``, ``joiner``) and, of
  the methods of Python's own types (``str``, ``list``, ``dict``, ...), those that read
  (``startswith``, ``split``, ``get``, ``items``, ``format``, ...). Nothing else: not
  the methods that can make a text far larger than their input (``ljust``,
  ``expandtabs``, ``replace``, ``join``: the filters of those names are bounded), and
  not the methods of any other object a value leads to (``stage.source`` is a Path,
  whose ``read_text`` and ``write_text`` reach any file);
- it loads other templates only from the template folders, as regular files inside
  them (``loader.py``);
- one render does at most ``MAX_STEPS`` loop iterations and calls, and makes at most
  ``MAX_CHARS`` characters of text, page and intermediate values together. Every
  operation that can make a large value (``*``, ``**``, ``+``, ``%``, ``~``,
  ``str.format``, the filters) is checked before it runs, so a template cannot take the
  machine's memory or time (``{{ 'x' * 10**9 }}``, ``range(10**5)`` nested in itself).

Going past a bound raises ``SecurityError``, which ``PageRenderer`` reports as
``template.md.j2:LINE: ...``.

The pages are Markdown, not HTML, so autoescaping is off: HTML-escaping a value would
show ``&amp;`` in a code span and break Markdown syntax. What makes values safe instead
is that names go through ``|literal``, spec texts are checked when the spec is loaded
(``spec.markdown``), and every page passes a final check (``PageRenderer`` calls
``spec.markdown.page_problem``).
"""

from __future__ import annotations

import contextvars
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from string import Formatter
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_STEPS = 1_000_000  # loop iterations and calls in one render
MAX_CHARS = 10_000_000  # characters made by one render: the page and every value on the way
MAX_INT_BITS = 4_096  # the largest integer a template may make: about 1,200 digits
MAX_WIDTH = 10_000  # a width or count given to a filter or a format ('{:>10000}', center(80))

# Methods of Python's built-in types a template may call: they read, or make a value no
# larger than their input. The others (ljust, center, zfill, expandtabs, replace, join,
# encode, ...) can make a value far larger than their input in one step.
_READING_METHODS = frozenset(
    {
        *("capitalize", "casefold", "count", "endswith", "find", "format", "format_map"),
        *("get", "index", "isalnum", "isalpha", "isdigit", "islower", "isspace", "istitle"),
        *("isupper", "items", "keys", "lower", "lstrip", "partition", "removeprefix"),
        *("removesuffix", "rfind", "rindex", "rpartition", "rsplit", "rstrip", "split"),
        *("splitlines", "startswith", "strip", "swapcase", "title", "upper", "values"),
    }
)
_BUILTIN_TYPES = (str, bytes, list, tuple, dict, set, frozenset, int, float, complex)
_PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


@dataclass
class Budget:
    """What one render has left to spend."""

    steps: int = MAX_STEPS
    chars: int = MAX_CHARS

    def spend(self, steps: int = 0, chars: int = 0) -> None:
        self.steps -= steps
        self.chars -= chars
        if self.steps < 0:
            raise SecurityError(f"the template ran more than {MAX_STEPS:,} loop steps and calls")
        if self.chars < 0:
            raise SecurityError(f"the template made more than {MAX_CHARS:,} characters of text")


_budget: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("budget", default=None)


def spend(steps: int = 0, chars: int = 0) -> None:
    """Charge the render in progress; outside a render (Jinja2 folding constants while it
    compiles) only the checks made before an operation apply."""
    budget = _budget.get()
    if budget is not None:
        budget.spend(steps, chars)


def render_bounded(template: jinja2.Template, context: dict[str, Any]) -> str:
    """``template`` rendered with a fresh budget."""
    token = _budget.set(Budget())
    try:
        return template.render(context)
    finally:
        _budget.reset(token)


def size(value: Any, limit: int = MAX_CHARS) -> int:
    """About how many characters ``value`` takes as text, counted up to ``limit``:
    a string its length, a collection its items' sizes, anything else 1."""
    if isinstance(value, str | bytes):
        return len(value)
    if not isinstance(value, list | tuple | dict | set | frozenset):
        return 1
    total = len(value)
    for item in value.items() if isinstance(value, dict) else value:
        total += size(item, limit - total)
        if total > limit:
            break
    return total


def _refuse_over(what: str, amount: int, limit: int) -> None:
    if amount > limit:
        raise SecurityError(f"{what} would be {amount:,}; a template may go up to {limit:,}")


def check_format(text: str) -> None:
    """Refuse a ``str.format`` string whose widths and precisions add up past MAX_WIDTH."""
    widths = 0
    for _, _, spec, _ in Formatter().parse(text):
        if spec and "{" in spec:
            raise SecurityError("a format field may not take its width from another field")
        widths += sum(int(number) for number in re.findall(r"\d+", spec or ""))
    _refuse_over("the widths of the format fields", widths, MAX_WIDTH)


def check_percent(text: str) -> None:
    """The same for a ``%`` format; a width taken from the arguments (``%*d``) is refused."""
    widths = 0
    for match in _PERCENT_FIELD.finditer(text):
        if "*" in match.groups():
            raise SecurityError("a '%' format may not take its width from the arguments ('*')")
        widths += sum(int(number) for number in match.groups() if number)
    _refuse_over("the widths of the '%' format", widths, MAX_WIDTH)


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse before it runs an operation whose result would pass the bounds."""
    numbers = isinstance(left, int | float) and isinstance(right, int | float)
    if operator == "**" and numbers and isinstance(left, int) and isinstance(right, int):
        bits = max(left.bit_length(), 1) * max(right, 0)
        _refuse_over("the power's size in bits", bits, MAX_INT_BITS)
    elif operator == "*" and isinstance(left, int) and isinstance(right, int):
        _refuse_over(
            "the product's size in bits", left.bit_length() + right.bit_length(), MAX_INT_BITS
        )
    elif operator == "*" and not numbers:
        count, sequence = (left, right) if isinstance(left, int) else (right, left)
        if isinstance(count, int) and not isinstance(count, bool):
            spend(chars=len(sequence) * max(count, 0) if hasattr(sequence, "__len__") else 0)
    elif operator == "+" and not numbers:
        spend(chars=size(left) + size(right))
    elif operator == "%" and isinstance(left, str):
        check_percent(left)
        spend(chars=len(left) + size(right))


class _Bounds:
    """The checks that need to see an operation's arguments; one per kind of call."""

    @staticmethod
    def before_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        wrapped = getattr(obj, "__wrapped__", None)  # Jinja2's wrapper of str.format
        if wrapped is not None and isinstance(getattr(wrapped, "__self__", None), str):
            check_format(wrapped.__self__)
            spend(chars=len(wrapped.__self__) + size(args) + size(kwargs))
        elif not _may_call(obj):
            owner = getattr(obj, "__self__", None)
            owner_name = f"{type(owner).__name__}." if owner is not None else ""
            name = getattr(obj, "__name__", type(obj).__name__)
            raise SecurityError(
                f"a template may not call {owner_name}{name}(): it calls archgen's functions, "
                "its own macros and the reading methods of texts, lists and maps"
            )


def _may_call(obj: Any) -> bool:
    """Whether a template may call ``obj``: archgen's functions and values (pure), Jinja2's
    own (macros, loops, ``range``, ``namespace``), and the methods of Python's types that
    read. Not a method of any other object a value leads to: ``stage.source`` is a Path,
    and ``Path.write_text`` would write anywhere."""
    while isinstance(obj, functools.partial):
        obj = obj.func
    owner = getattr(obj, "__self__", None)
    if isinstance(owner, _BUILTIN_TYPES) and not isinstance(obj, type):
        return getattr(obj, "__name__", "") in _READING_METHODS
    if obj in (dict,):
        return True
    subject = owner if owner is not None and not isinstance(owner, type) else obj
    module = getattr(subject, "__module__", None) or type(subject).__module__
    return module.startswith(("archgen.", "jinja2."))


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` with its arguments checked before it runs and its result charged."""
    precheck: Callable[..., None] = _FILTER_CHECKS.get(name, _no_check)

    @functools.wraps(function)  # keeps jinja_pass_arg: Jinja2 passes the same arguments
    def bounded(*args: Any, **kwargs: Any) -> Any:
        subject_at = 1 if getattr(function, "jinja_pass_arg", None) else 0
        spend(steps=1)
        if len(args) > subject_at:
            subject = args[subject_at]
            if isinstance(subject, Iterator):  # seen whole, so that its size is known
                subject = list(_Counting.counted(subject))
                args = (*args[:subject_at], subject, *args[subject_at + 1 :])
            # What the filter reads is charged: a text made from it is at least as large.
            spend(chars=size(subject))
            precheck(subject, *args[subject_at + 1 :], **kwargs)
        result: Any = function(*args, **kwargs)
        if isinstance(result, str | list | tuple):
            spend(chars=len(result))
        return result

    return bounded


def _no_check(value: Any, *args: Any, **kwargs: Any) -> None:
    for number in (*args, *kwargs.values()):
        if isinstance(number, int) and not isinstance(number, bool):
            _refuse_over("a number given to a filter", abs(number), MAX_WIDTH)


def _check_indent(value: Any, width: Any = 4, *args: Any, **kwargs: Any) -> None:
    width = kwargs.pop("width", width)
    step = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    _refuse_over("the indent's width", step, MAX_WIDTH)
    text = str(value) if isinstance(value, str) else ""
    spend(chars=len(text) + (text.count("\n") + 1) * step)


def _check_replace(value: Any, old: Any = "", new: Any = "", *args: Any, **kwargs: Any) -> None:
    text, old, new = str(value), str(old), str(new)
    count = len(text) + 1 if not old else text.count(old)
    spend(chars=len(text) + count * len(new))


def _check_join(value: Any, separator: Any = "", *args: Any, **kwargs: Any) -> None:
    items = size(value)
    spend(chars=items + items * len(str(separator)))


def _check_format(value: Any, *args: Any, **kwargs: Any) -> None:
    check_percent(str(value))
    spend(chars=len(str(value)) + size(args) + size(kwargs))


def _check_tojson(value: Any, indent: Any = None, *args: Any, **kwargs: Any) -> None:
    indent = kwargs.get("indent", indent)
    step = indent if isinstance(indent, int) else len(indent) if isinstance(indent, str) else 0
    _refuse_over("the indent of tojson", step, 16)
    spend(chars=size(value) * (step + 4))


_FILTER_CHECKS: dict[str, Callable[..., None]] = {
    "indent": _check_indent,
    "replace": _check_replace,
    "join": _check_join,
    "format": _check_format,
    "tojson": _check_tojson,
}


class _Counting:
    """Wraps every loop's iterable so that each iteration is charged."""

    @staticmethod
    def counted(iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            spend(steps=1)
            yield item


def _rewrite(template: nodes.Template) -> nodes.Template:
    """Route what a template does through the budget: each loop's iterable through
    ``counted``, each ``~`` through ``joined``, and each piece of literal text through
    ``finalize`` like every value, so that a loop of text is charged too."""
    for loop in template.find_all(nodes.For):
        loop.iter = nodes.Call(nodes.EnvironmentAttribute("counted"), [loop.iter], [], None, None)
    for concat in template.find_all(nodes.Concat):
        parts = nodes.List(list(concat.nodes))
        concat.nodes = [nodes.Call(nodes.EnvironmentAttribute("joined"), [parts], [], None, None)]
    for output in template.find_all(nodes.Output):
        output.nodes = [
            nodes.Const(child.data) if isinstance(child, nodes.TemplateData) else child
            for child in output.nodes
        ]
    return template


@jinja2.pass_environment
def _finalize(environment: jinja2.Environment, value: Any) -> Any:
    """Every value a template writes out, literal text included, is charged as it goes."""
    spend(chars=size(value))
    return value


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, with archgen's bounds; see the module's docstring."""

    # Intercepted, the operators are also never folded at compile time.
    intercepted_binops = frozenset({"*", "**", "+", "%"})
    counted = staticmethod(_Counting.counted)

    def __init__(self, loader: jinja2.BaseLoader) -> None:
        super().__init__(
            loader=loader,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            autoescape=False,  # Markdown, not HTML: see the module's docstring
            finalize=_finalize,
            # One environment serves one build (PageRenderer is made per build): no page
            # needs its templates checked for changes, a stat per render.
            auto_reload=False,
        )
        del self.globals["lipsum"]  # its n= makes any amount of text; no page needs it
        self.filters = {name: _bounded_filter(name, f) for name, f in self.filters.items()}

    def add_filter(self, name: str, function: Callable[..., Any]) -> None:
        self.filters[name] = _bounded_filter(name, function)

    @staticmethod
    def joined(parts: list[Any]) -> str:
        spend(chars=sum(size(part) for part in parts))  # before str() makes the text
        return "".join(str(part) for part in parts)

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(
        __self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any
    ) -> Any:
        spend(steps=1)
        _Bounds.before_call(__obj, args, kwargs)
        if isinstance(__obj, LoopContext) and args:  # a recursive loop's next level
            args = (_Counting.counted(args[0]), *args[1:])
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, str):
            spend(chars=len(result))
        return result

    def compile(  # one signature for both of the overloads by raw
        self,
        source: str | nodes.Template,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        if isinstance(source, str):
            source = self.parse(source, name, filename)
        return super().compile(_rewrite(source), name, filename, raw, defer_init)  # type: ignore[call-overload]
