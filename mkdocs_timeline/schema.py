"""The keys each object of a timeline file may have, and readers for their values.

Values are read from YAML nodes as written: `1998`, `1998-07-17` and `no` are all text
here, never an int, a date or False.
"""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .dates import FORMATS, DateFormatError, PartialDate
from .errors import Problems, closest, shown
from .loader import describe
from .urls import is_web_address

NULL_TAG = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class Key:
    """A key of an object: its name, whether it must be given, and what its value should be."""

    name: str
    required: bool
    expected: str


@dataclass(frozen=True)
class Shape:
    """The keys of one kind of object in the file."""

    name: str
    keys: tuple[Key, ...]

    def key(self, name: str) -> Key:
        """The declared key called `name`."""
        return next(key for key in self.keys if key.name == name)

    @property
    def names(self) -> list[str]:
        """Every key name, in the documented order."""
        return [key.name for key in self.keys]


SOURCE_TYPES = ("primary", "secondary")
ID_EXPECTED = "lowercase a-z, 0-9 and single hyphens"

TIMELINE = Shape(
    "timeline file",
    (
        Key("title", False, "a short title for the timeline"),
        Key(
            "kinds",
            False,
            "a list of the kinds of event, each with an id, label, description and colour",
        ),
        Key(
            "situations",
            False,
            "a list of the situations (countries) events may concern, each with an id and label",
        ),
        Key("eras_label", False, "what an era is, for readers, such as 'U.S. administration'"),
        Key("eras", True, "a list of eras, the periods events are grouped by"),
        Key("events", True, "a list of events"),
        Key(
            "withdrawn",
            False,
            "a list of events taken out of the timeline, each with its id, date and reason",
        ),
    ),
)
KIND = Shape(
    "kind",
    (
        Key("id", True, f"an id of {ID_EXPECTED}, such as 'treaty'"),
        Key("label", True, "a label for readers, such as 'Treaty actions'"),
        Key("description", False, "one sentence for editors: which events are of this kind"),
        Key("colour", False, "a CSS hex colour such as '#1e88e5'"),
    ),
)
SITUATION = Shape(
    "situation",
    (
        Key("id", True, f"an id of {ID_EXPECTED}, such as 'afghanistan'"),
        Key("label", True, "a label for readers, such as 'Afghanistan'"),
    ),
)
ERA = Shape(
    "era",
    (
        Key("id", True, f"an id of {ID_EXPECTED}, such as 'clinton'"),
        Key("label", True, "a label such as 'Clinton administration'"),
        Key("start", True, "the first day as YYYY-MM-DD"),
        Key("end", False, "the first day of the next era as YYYY-MM-DD (leave it out for today's)"),
    ),
)
EVENT = Shape(
    "event",
    (
        Key("id", True, f"an id of {ID_EXPECTED}, such as 'rome-statute-adopted'"),
        Key("date", True, f"a date as {FORMATS}"),
        Key("end_date", False, f"a date as {FORMATS}, on or after 'date'"),
        Key("title", True, "a short, neutral title"),
        Key("kind", True, "the id of one of the kinds under 'kinds'"),
        Key("situations", False, "a list of ids of the situations under 'situations'"),
        Key("related", False, "a list of ids of other events this one is linked to"),
        Key("body", True, "one to four sentences of Markdown"),
        Key("sources", True, "a list of sources, each with a title, url, publisher and type"),
        Key("evidence", False, "the source that states the date and a short excerpt from it"),
        Key("added", False, "the day the event was added to the timeline, as YYYY-MM-DD"),
        Key("updated", False, "the day its date, title or body last changed, as YYYY-MM-DD"),
        Key("corrections", False, "a list of corrections, each with a date and a one-line note"),
        Key("media", False, "an image with src, alt, and optionally caption and credit"),
        Key("recommendations", False, "a list of ids of '##' sections of the sections page"),
    ),
)
SOURCE = Shape(
    "source",
    (
        Key("title", True, "the title of the source document"),
        Key("url", True, "a web address starting with https:// (or http://)"),
        Key("publisher", True, "who published it, such as 'U.S. Department of the Treasury'"),
        Key(
            "type",
            True,
            "'primary' (the document itself, or the body that acted) or 'secondary' "
            "(a report about it)",
        ),
        Key("published", False, f"the day it was published, as {FORMATS}"),
        Key("archived", False, "an archived copy: its url and the date it was captured"),
        Key(
            "confirmed",
            False,
            "true: an editor checked that this primary source's host, which the list of "
            "primary publishers does not name, is the body that acted",
        ),
    ),
)
ARCHIVED = Shape(
    "archived copy",
    (
        Key(
            "url",
            True,
            "the address of the copy at the Internet Archive (web.archive.org), perma.cc "
            "or archive.today",
        ),
        Key("date", True, "the day the copy was captured, as YYYY-MM-DD"),
    ),
)
EVIDENCE = Shape(
    "evidence",
    (
        Key("source", True, "the url of the one of this event's sources that states its date"),
        Key("excerpt", True, "at most 40 words copied exactly from that source, naming the date"),
    ),
)
CORRECTION = Shape(
    "correction",
    (
        Key("date", True, "the day of the correction as YYYY-MM-DD"),
        Key("note", True, "one line saying what was corrected"),
    ),
)
WITHDRAWN = Shape(
    "withdrawn event",
    (
        Key("id", True, "the id the event had, so its address still leads somewhere"),
        Key("date", True, "the day it was withdrawn as YYYY-MM-DD"),
        Key("reason", True, "one line saying why it was withdrawn"),
    ),
)
MEDIA = Shape(
    "media",
    (
        Key("src", True, "the path of an image under docs/, e.g. images/nuremberg.jpg"),
        Key("alt", True, "alt text that describes the image for people who cannot see it"),
        Key("caption", False, "a caption shown under the image"),
        Key("credit", False, "the image's author or owner"),
    ),
)

# The status file (option `sections.status_file`): where each section of the sections page
# stands, with the events it rests on
STATUS_FILE = Shape(
    "status file",
    (
        Key(
            "statuses",
            False,
            "a list of the statuses a section may have, each with an id, label and description",
        ),
        Key("sections", True, "a list of sections, each with its status"),
    ),
)
STATUS = Shape(
    "status",
    (
        Key("id", True, f"an id of {ID_EXPECTED}, such as 'acted-on'"),
        Key("label", True, "a label for readers, such as 'Acted on'"),
        Key("description", True, "one sentence for readers: when a section has this status"),
        Key(
            "cites_events",
            False,
            "true (the default: a section with this status cites at least one event) or false",
        ),
    ),
)
SECTION_STATUS = Shape(
    "section",
    (
        Key("id", True, "the id of a '##' heading of the sections page"),
        Key("status", True, "the id of one of the statuses"),
        Key("checked", True, "the day the status was last checked, as YYYY-MM-DD"),
        Key("reading", True, "one or two factual sentences: what happened, backed by the events"),
        Key("events", False, "a list of ids of timeline events that name this section"),
    ),
)


def is_null(node: Node) -> bool:
    """Whether a value is left empty (`key:`, `~` or `null`, unquoted)."""
    return isinstance(node, ScalarNode) and node.tag == NULL_TAG and node.style is None


class Fields:
    """The values of one mapping node, checked against a shape; readers report what is wrong."""

    def __init__(self, node: MappingNode, shape: Shape, subject: str, problems: Problems):
        self.node = node
        self.shape = shape
        self.subject = subject
        self.problems = problems
        self.values: dict[str, Node] = {}
        self.lines: dict[str, int] = {}
        self._read_keys()

    @classmethod
    def read(cls, node: Node, shape: Shape, subject: str, problems: Problems) -> Fields | None:
        """The fields of `node`, or None with a problem if it is not a mapping."""
        if not isinstance(node, MappingNode):
            required = _and([key.name for key in shape.keys if key.required])
            problems.add(
                node, f"is {describe(node)}; expected a mapping with the keys {required}", subject
            )
            return None
        return cls(node, shape, subject, problems)

    def report(self, node: Node | None, message: str) -> None:
        """Record a problem about this object (at its start when `node` is None)."""
        self.problems.add(node or self.node, message, self.subject)

    def _read_keys(self) -> None:
        allowed = self.shape.names
        for key_node, value in self.node.value:
            if not isinstance(key_node, ScalarNode):
                self.report(
                    key_node,
                    f"a key is {describe(key_node)}; expected one of: {', '.join(allowed)}",
                )
                continue
            name = key_node.value
            if name in self.values:
                self.report(
                    key_node,
                    f"key '{name}' appears twice (first on line {self.lines[name]}); give each key once",
                )
            elif name not in allowed:
                match = closest(name, allowed)
                expected = (
                    f"did you mean '{match}'?"
                    if match
                    else f"expected one of: {', '.join(allowed)}"
                )
                self.report(key_node, f"unknown key {shown(name)}; {expected}")
            else:
                self.values[name] = value
                self.lines[name] = key_node.start_mark.line + 1
        missing = [key for key in self.shape.keys if key.required and key.name not in self.values]
        if len(missing) == 1:
            self.report(None, f"missing '{missing[0].name}'; expected {missing[0].expected}")
        elif missing:
            names = _and([f"'{key.name}'" for key in missing])
            required = _and([key.name for key in self.shape.keys if key.required])
            self.report(None, f"missing {names}; every {self.shape.name} needs {required}")

    def get(self, name: str) -> Node | None:
        """The value node of `name`, or None when the key is absent or left empty."""
        node = self.values.get(name)
        return None if node is None or is_null(node) else node

    def text(self, name: str, *, multiline: bool = False) -> str | None:
        """Text with runs of whitespace collapsed (kept as written when `multiline`)."""
        if name not in self.values:
            return None
        node = self.values[name]
        key = self.shape.key(name)
        if not isinstance(node, ScalarNode):
            self.report(node, f"'{name}' is {describe(node)}; expected {key.expected}")
            return None
        value = (
            ""
            if is_null(node)
            else (node.value.strip() if multiline else " ".join(node.value.split()))
        )
        if not value:
            if key.required:
                self.report(node, f"'{name}' is empty; expected {key.expected}")
            return None
        return value

    def date(self, name: str, *, full: bool = False) -> PartialDate | None:
        """A `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date (only the last when `full`)."""
        text = self.text(name)
        if text is None:
            return None
        try:
            value = PartialDate.parse(text)
        except DateFormatError as error:
            self.report(self.values[name], f"{name} {error}")
            return None
        if full and not value.is_full:
            self.report(
                self.values[name], f"{name} {shown(text)} is not a full date; write YYYY-MM-DD"
            )
            return None
        return value

    def url(self, name: str) -> str | None:
        """An absolute http(s) address."""
        text = self.text(name)
        if text is None:
            return None
        if not is_web_address(text):
            self.report(
                self.values[name],
                f"{name} {shown(text)} is not a web address; expected {self.shape.key(name).expected}",
            )
            return None
        return text

    def items(self, name: str) -> list[Node]:
        """The items of a list value (a missing or empty list is reported when required)."""
        if name not in self.values:
            return []
        node = self.values[name]
        key = self.shape.key(name)
        if isinstance(node, SequenceNode) and node.value:
            return list(node.value)
        if is_null(node) or isinstance(node, SequenceNode):
            if key.required:
                self.report(node, f"'{name}' is empty; expected {key.expected}")
            return []
        self.report(node, f"'{name}' is {describe(node)}; expected {key.expected}")
        return []


def _and(words: list[str]) -> str:
    """`a, b and c`."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def event_shape(sections_key: str) -> Shape:
    """The event's keys, its list of related sections under the name option `sections` gives."""
    if sections_key == "recommendations":
        return EVENT
    keys = tuple(
        Key(sections_key, key.required, key.expected) if key.name == "recommendations" else key
        for key in EVENT.keys
    )
    return Shape(EVENT.name, keys)
