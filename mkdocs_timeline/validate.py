"""Read a timeline file into a `Timeline`, collecting every problem before giving up."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Literal, cast

from markupsafe import Markup
from yaml.nodes import MappingNode, Node, ScalarNode

from .dates import PartialDate
from .errors import Problems, closest, shown
from .evidence import MAX_WORDS, date_problem, word_count
from .loader import compose, decode
from .markdown_body import BodyRenderer
from .model import (
    Archived,
    BodyLink,
    Correction,
    Era,
    EraGroup,
    Event,
    Evidence,
    Kind,
    Media,
    Recommendation,
    RelatedEvent,
    Situation,
    Source,
    Timeline,
    Withdrawn,
)
from .schema import (
    ARCHIVED,
    CORRECTION,
    ERA,
    EVENT,
    EVIDENCE,
    KIND,
    MEDIA,
    SITUATION,
    SOURCE,
    SOURCE_TYPES,
    TIMELINE,
    WITHDRAWN,
    Fields,
    event_shape,
)
from .site import Site
from .source_quality import host_of, on_list
from .urls import is_archive_address

ID_HINT = "lowercase a-z, 0-9 and single hyphens"
URL_SAFE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
CONFIRMED_HINT = (
    "write 'confirmed: true' under a primary source whose host the list of primary "
    "publishers does not name, once you have checked it is the body that acted"
)
MAX_NOTE_WORDS = 40


def load_timeline(path: Path, shown_path: str, site: Site) -> Timeline:
    """The validated timeline in `path`; raise `TimelineError` listing every problem.

    `shown_path` is how messages name the file (relative to the config file's folder).
    """
    return parse_timeline(path.read_bytes(), shown_path, site)


def parse_timeline(data: bytes, shown_path: str, site: Site) -> Timeline:
    """The validated timeline in the bytes of a file; see `load_timeline`."""
    problems = Problems(shown_path)
    text = decode(data, problems)
    root = None if text is None else compose(text, problems)
    timeline = None if root is None else read_timeline(root, site, problems)
    problems.raise_if_any()
    assert timeline is not None
    return timeline


def read_timeline(root: MappingNode, site: Site, problems: Problems) -> Timeline | None:
    """The timeline in a composed file, or None when `problems` were found."""
    fields = Fields(root, TIMELINE, "", problems)
    title = fields.text("title") or "Timeline"
    kinds = _read_kinds(fields.items("kinds"), problems) if fields.get("kinds") else site.kinds
    situations = _read_situations(fields.items("situations"), problems)
    eras_label = fields.text("eras_label") or "era"
    before = len(problems.items)
    eras = _read_eras(fields.items("eras"), problems)
    eras_ok = bool(eras) and len(problems.items) == before
    reader = _EventReader(eras if eras_ok else [], site, problems, tuple(kinds))
    reader.situations = {situation.id: situation for situation in situations}
    events = reader.read_all(fields.items("events"))
    links = reader.links_between()
    withdrawn = _read_withdrawn(fields.items("withdrawn"), reader.seen, problems)
    if problems:
        return None
    sections = site.sections.label if site.sections else "Related section"
    warnings = sorted(reader.warnings.items, key=lambda p: (p.line, p.column))
    return replace(
        _assemble(title, eras, events, reader.kinds, situations, links),
        warnings=tuple(w.format(problems.path) for w in warnings),
        body_links=tuple(reader.links),
        eras_label=eras_label,
        sections_label=sections,
        withdrawn=withdrawn,
    )


def _read_withdrawn(
    nodes: list[Node], events: dict[str, int], problems: Problems
) -> tuple[Withdrawn, ...]:
    """The events taken out of the file, each with the day and the reason."""
    seen: dict[str, int] = {}
    found = []
    for number, node in enumerate(nodes, 1):
        fields = Fields.read(
            node, WITHDRAWN, item_subject(node, "withdrawn event", number), problems
        )
        if fields is None:
            continue
        withdrawn_id = _read_id(fields, seen, "withdrawn event")
        if withdrawn_id in events:
            fields.report(
                fields.values["id"],
                f"id {shown(withdrawn_id)} is still an event (line {events[withdrawn_id]}); "
                "expected the id of an event no longer in the file (remove one or the other)",
            )
            withdrawn_id = None
        day, reason = fields.date("date", full=True), fields.text("reason")
        if withdrawn_id and day and reason:
            found.append(Withdrawn(withdrawn_id, day, reason))
    return tuple(found)


def _read_kinds(nodes: list[Node], problems: Problems) -> tuple[Kind, ...]:
    """The kinds the file declares, in order (the order of the filters)."""
    seen: dict[str, int] = {}
    kinds = []
    for number, node in enumerate(nodes, 1):
        fields = Fields.read(node, KIND, item_subject(node, "kind", number), problems)
        if fields is None:
            continue
        kind_id, label = _read_id(fields, seen, "kind"), fields.text("label")
        colour = fields.text("colour") or ""
        if colour and not COLOUR.fullmatch(colour):
            fields.report(
                fields.values["colour"],
                f"colour {shown(colour)} is not a CSS hex colour; expected {KIND.key('colour').expected}",
            )
            continue
        if kind_id and label:
            kinds.append(Kind(kind_id, label, fields.text("description") or "", colour))
    return tuple(kinds)


def _read_situations(nodes: list[Node], problems: Problems) -> tuple[Situation, ...]:
    """The situations the file declares, in order (the order of the filter)."""
    seen: dict[str, int] = {}
    situations = []
    for number, node in enumerate(nodes, 1):
        fields = Fields.read(node, SITUATION, item_subject(node, "situation", number), problems)
        if fields is None:
            continue
        situation_id, label = _read_id(fields, seen, "situation"), fields.text("label")
        if situation_id and label:
            situations.append(Situation(situation_id, label))
    return tuple(situations)


def item_subject(node: Node, noun: str, number: int) -> str:
    """How messages name item `number` of a list: `event 'rome-statute-adopted'` (its id),
    or `event #3` when the id is missing."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            is_id = isinstance(key, ScalarNode) and key.value == "id"
            if is_id and isinstance(value, ScalarNode) and value.value.strip():
                return f"{noun} {shown(value.value.strip())}"
    return f"{noun} #{number}"


def _read_id(fields: Fields, seen: dict[str, int], what: str) -> str | None:
    """A URL-safe id, used once in the file."""
    value = fields.text("id")
    if value is None:
        return None
    node = fields.values["id"]
    if not URL_SAFE.fullmatch(value):
        suggestion = "-".join(re.findall(r"[a-z0-9]+", value.lower())) or "my-event"
        fields.report(
            node,
            f"id {shown(value)} is not URL-safe; use lowercase a-z, 0-9 and single hyphens, "
            f"e.g. {shown(suggestion)}",
        )
        return None
    if value in seen:
        fields.report(
            node,
            f"duplicate id {shown(value)} (first used on line {seen[value]}); "
            f"give each {what} its own id",
        )
        return None
    seen[value] = node.start_mark.line + 1
    return value


def _read_eras(nodes: list[Node], problems: Problems) -> list[Era]:
    """The eras, in order, checked not to overlap."""
    seen: dict[str, int] = {}
    read: list[tuple[Era, Node]] = []
    for number, node in enumerate(nodes, 1):
        fields = Fields.read(node, ERA, item_subject(node, "era", number), problems)
        if fields is None:
            continue
        era_id = _read_id(fields, seen, "era")
        label = fields.text("label")
        start = fields.date("start", full=True)
        end = fields.date("end", full=True)
        if start and end and end <= start:
            fields.report(
                fields.values["end"], f"end {end} is not after start {start}; expected a later end"
            )
            continue
        if era_id and label and start:
            read.append((Era(era_id, label, start, end), node))
    read.sort(key=lambda pair: pair[0].start)
    for (before, _), (era, node) in pairwise(read):
        if before.end is None or before.end > era.start:
            ends = f"ends {before.end}" if before.end else "has no end"
            problems.add(
                node,
                f"starts {era.start}, but era '{before.id}' {ends}; "
                "expected eras that do not overlap (the end of one is the start of the next)",
                f"era '{era.id}'",
            )
    return [era for era, _ in read]


class _EventReader:
    """Reads events one by one, remembering ids across the file."""

    def __init__(self, eras: list[Era], site: Site, problems: Problems, kinds: tuple[Kind, ...]):
        self.eras = eras
        self.kinds = {kind.id: kind for kind in kinds}
        self.declared = bool(kinds)  # with no kinds declared, any URL-safe kind is one
        self.shape = event_shape(site.sections.key if site.sections else "recommendations")
        self.site = site
        self.problems = problems
        self.renderer = BodyRenderer(site.url_of)
        self.seen: dict[str, int] = {}
        self.links: list[BodyLink] = []
        self.texts: list[str] = []
        self.warnings = Problems(problems.path)
        self.records: dict[str, tuple[Source, int]] = {}
        self.situations: dict[str, Situation] = {}
        self.related: list[tuple[str, Fields, list[tuple[str, Node]]]] = []

    def read_all(self, nodes: list[Node]) -> list[Event]:
        """Every valid event, in file order."""
        events = (
            self.read(node, item_subject(node, "event", number))
            for number, node in enumerate(nodes, 1)
        )
        return [event for event in events if event is not None]

    def read(self, node: Node, subject: str) -> Event | None:
        """One event, or None when something about it is wrong (and reported)."""
        fields = Fields.read(node, self.shape, subject, self.problems)
        if fields is None:
            return None
        event_id = _read_id(fields, self.seen, "event")
        date = fields.date("date")
        end_date = fields.date("end_date")
        if date and end_date and end_date.last_day < date.first_day:
            fields.report(
                fields.values["end_date"],
                f"end_date {end_date} is before date {date}; expected an end_date on or after the date",
            )
            end_date = None
        parts = (
            event_id,
            date,
            fields.text("title"),
            self._kind(fields),
            self._body(fields),
            self._sources(fields),
            self._era(fields, date) if date else None,
        )
        media = self._media(fields)
        situations = self._situations(fields)
        if event_id:
            self.related.append((event_id, fields, _ids(fields, "related")))
        recommendations = self._recommendations(fields)
        body_text = self.texts[-1] if parts[4] is not None else ""
        evidence = self._evidence(fields, parts[5], date)
        history = self._history(fields)
        if (
            any(part is None for part in parts)
            or media is False
            or situations is None
            or recommendations is None
            or evidence is False
            or history is None
        ):
            return None
        # None of the parts is None (checked above).
        event_id, date, title, kind, body, sources, era = cast(
            "tuple[str, PartialDate, str, Kind, Markup, tuple[Source, ...], Era]", parts
        )
        return Event(
            event_id,
            title,
            date,
            end_date,
            kind,
            era,
            body,
            sources,
            media,
            recommendations,
            evidence or None,
            body_text,
            situations,
            (),
            *history,
        )

    def _situations(self, fields: Fields) -> tuple[Situation, ...] | None:
        """The situations an event concerns, or None when one is unknown (reported)."""
        found = []
        for value, node in _ids(fields, "situations"):
            if value in self.situations:
                found.append(self.situations[value])
                continue
            match = closest(value, self.situations)
            hint = (
                f"did you mean '{match}'?"
                if match
                else "expected the id of one of the file's situations: "
                + (", ".join(self.situations) or "(none declared under 'situations')")
            )
            fields.report(node, f"unknown situation {shown(value)}; {hint}")
            return None
        return tuple(found)

    def links_between(self) -> dict[str, list[str]]:
        """Each event's related events, both ways; problems reported (unknown id, itself,
        a pair declared twice)."""
        links: dict[str, list[str]] = {}
        declared: dict[frozenset[str], int] = {}
        for event_id, fields, targets in self.related:
            for target, node in targets:
                line = node.start_mark.line + 1
                pair = frozenset((event_id, target))
                if target == event_id:
                    fields.report(
                        node,
                        f"related {shown(target)} is this event itself; "
                        "expected the id of another event",
                    )
                elif target not in self.seen:
                    match = closest(target, self.seen)
                    hint = f"did you mean '{match}'?" if match else "expected the id of an event"
                    fields.report(node, f"unknown related event {shown(target)}; {hint}")
                elif pair in declared:
                    fields.report(
                        node,
                        f"related {shown(target)} is already declared (line {declared[pair]}); "
                        "declare a pair once: it is shown on both events",
                    )
                else:
                    declared[pair] = line
                    links.setdefault(event_id, []).append(target)
                    links.setdefault(target, []).append(event_id)
        return links

    def _history(
        self, fields: Fields
    ) -> tuple[PartialDate | None, PartialDate | None, tuple[Correction, ...]] | None:
        """`added`, `updated` and the corrections, checked in order; None when wrong."""
        before = len(self.problems.items)
        added, updated = fields.date("added", full=True), fields.date("updated", full=True)
        if updated and added and updated < added:
            fields.report(
                fields.values["updated"],
                f"updated {updated} is before added {added}; expected a day on or after it",
            )
        elif updated and not added and "added" not in fields.values:
            fields.report(
                fields.values["updated"],
                "'updated' without 'added'; add 'added:' too, the day the event was added "
                "to the timeline (YYYY-MM-DD)",
            )
        corrections = []
        nodes = fields.items("corrections")
        if nodes and "updated" not in fields.values:
            fields.report(
                fields.values["corrections"],
                "corrections without 'updated'; expected 'updated' set to the day of the "
                "latest change",
            )
        for number, node in enumerate(nodes, 1):
            item = Fields.read(
                node, CORRECTION, f"{fields.subject}: correction {number}", self.problems
            )
            if item is None:
                continue
            day, note = item.date("date", full=True), item.text("note")
            if day and updated and day > updated:
                item.report(
                    item.values["date"],
                    f"date {day} is after updated {updated}; expected 'updated' to be the "
                    f"latest change (set updated: {day})",
                )
            elif day and added and day < added:
                item.report(
                    item.values["date"],
                    f"date {day} is before added {added}; expected a day on or after it",
                )
            if note and (words := word_count(note)) > MAX_NOTE_WORDS:
                item.report(
                    item.values["note"],
                    f"note has {words} words; expected one line of at most {MAX_NOTE_WORDS}",
                )
            if day and note:
                corrections.append(Correction(day, note))
        if len(self.problems.items) > before:
            return None
        return added, updated, tuple(corrections)

    def _kind(self, fields: Fields) -> Kind | None:
        value = fields.text("kind")
        if value is None:
            return None
        if value in self.kinds:
            return self.kinds[value]
        if not self.declared and URL_SAFE.fullmatch(value):
            self.kinds[value] = Kind(value, value.replace("-", " ").capitalize())
            return self.kinds[value]
        if not self.declared:
            fields.report(
                fields.values["kind"], f"kind {shown(value)} is not URL-safe; use {ID_HINT}"
            )
            return None
        match = closest(value, self.kinds)
        hint = f" (did you mean '{match}'?)" if match else ""
        fields.report(
            fields.values["kind"],
            f"unknown kind {shown(value)}{hint}; expected one of the file's kinds: "
            f"{', '.join(self.kinds)}",
        )
        return None

    def _body(self, fields: Fields) -> Markup | None:
        text = fields.text("body", multiline=True)
        if text is None:
            return None
        body = self.renderer.render(text)
        self.texts.append(self.renderer.text)
        node = fields.values["body"]
        for problem in body.problems:
            fields.report(node, problem)
        origin = f"{self.problems.path}:{node.start_mark.line + 1}, {fields.subject}"
        self.links += [BodyLink(path, anchor, origin) for path, anchor in body.anchors]
        return None if body.problems else body.html

    def _sources(self, fields: Fields) -> tuple[Source, ...] | None:
        sources = []
        nodes = fields.items("sources")
        for number, node in enumerate(nodes, 1):
            source = Fields.read(node, SOURCE, f"{fields.subject}: source {number}", self.problems)
            found = None if source is None else self._source(source)
            if found is not None:
                sources.append(found)
        return tuple(sources) if nodes and len(sources) == len(nodes) else None

    def _source(self, fields: Fields) -> Source | None:
        """One source record; its primary-publisher warning, if any, goes to `warnings`."""
        title, url, publisher = fields.text("title"), fields.url("url"), fields.text("publisher")
        kind = fields.text("type")
        if kind is not None and kind not in SOURCE_TYPES:
            match = closest(kind, SOURCE_TYPES)
            hint = (
                f"did you mean '{match}'?" if match else f"expected {SOURCE.key('type').expected}"
            )
            fields.report(fields.values["type"], f"type {shown(kind)} is not a source type; {hint}")
            kind = None
        published = fields.date("published")
        archived = self._archived(fields)
        confirmed = self._confirmed(fields, kind)
        if not (title and url and publisher and kind) or archived is False or confirmed is None:
            return None
        if kind == "primary" and not confirmed and not self._primary_known(url):
            self.warnings.add(
                fields.values["type"],
                f"type 'primary', but {shown(host_of(url))} is not on the list of primary "
                f"publishers ({self.site.primary_list}); if this is the document itself or the "
                "body that acted, add its host to that list or write 'confirmed: true' under "
                "the source; else write 'type: secondary'",
                fields.subject,
            )
        source = Source(title, url, publisher, kind == "primary", published, archived or None)
        self._same_record(fields, source)
        return source

    def _primary_known(self, url: str) -> bool:
        hosts = self.site.primary_publishers
        return hosts is None or on_list(url, hosts)

    def _confirmed(self, fields: Fields, kind: str | None) -> bool | None:
        """`confirmed: true` (or absent: False); None when it is wrong (and reported)."""
        value = fields.text("confirmed")
        if value is None:
            return False
        node = fields.values["confirmed"]
        if value != "true":
            fields.report(node, f"confirmed {shown(value)} is not 'true'; {CONFIRMED_HINT}")
            return None
        if kind == "secondary":
            fields.report(node, f"confirmed is only for 'type: primary'; {CONFIRMED_HINT}")
            return None
        return True

    def _archived(self, fields: Fields) -> Archived | Literal[False] | None:
        """The archived copy: None when there is none, False when it is wrong."""
        node = fields.get("archived")
        if node is None:
            return None
        copy = Fields.read(node, ARCHIVED, f"{fields.subject}: archived", self.problems)
        if copy is None:
            return False
        url, day = copy.url("url"), copy.date("date", full=True)
        if url and not is_archive_address(url):
            copy.report(
                copy.values["url"],
                f"url {shown(url)} is not at a web archive; expected {ARCHIVED.key('url').expected}",
            )
            return False
        if not (url and day):
            return False
        return Archived(url, day)

    def _same_record(self, fields: Fields, source: Source) -> None:
        """A source cited by several events is one record: the same publisher and type."""
        first = self.records.setdefault(source.url, (source, fields.node.start_mark.line + 1))
        if (first[0].publisher, first[0].primary) != (source.publisher, source.primary):
            fields.report(
                fields.values["publisher"],
                f"this url is also cited on line {first[1]} with publisher "
                f"{shown(first[0].publisher)} and type '{first[0].type}'; expected the same "
                "publisher and type wherever a source is cited",
            )

    def _evidence(
        self, fields: Fields, sources: tuple[Source, ...] | None, date: PartialDate | None
    ) -> Evidence | Literal[False] | None:
        """The evidence for the date: None when there is none, False when it is wrong."""
        node = fields.get("evidence")
        if node is None:
            if self.site.require_evidence:
                fields.report(
                    fields.values.get("evidence"),
                    f"missing 'evidence'; expected {EVENT.key('evidence').expected} "
                    "(see 'evidence' on the editors' page)",
                )
                return False
            return None
        evidence = Fields.read(node, EVIDENCE, f"{fields.subject}: evidence", self.problems)
        if evidence is None:
            return False
        url, excerpt = evidence.text("source"), evidence.text("excerpt")
        source = next((s for s in sources or () if s.url == url), None)
        if url and sources is not None and source is None:
            listed = ", ".join(shown(s.url) for s in sources)
            evidence.report(
                evidence.values["source"],
                f"source {shown(url)} is not one of this event's sources; "
                f"expected the url of one of them: {listed}",
            )
        if excerpt:
            words = word_count(excerpt)
            node = evidence.values["excerpt"]
            if words > MAX_WORDS:
                evidence.report(
                    node,
                    f"excerpt has {words} words; expected at most {MAX_WORDS}, "
                    "the few words that state the date",
                )
                excerpt = None
            elif date and (lacks := date_problem(excerpt, date)):
                evidence.report(
                    node, f"excerpt {lacks}; expected words from the source that state the date"
                )
                excerpt = None
        if source is None or not excerpt:
            return False
        return Evidence(source, excerpt)

    def _media(self, fields: Fields) -> Media | Literal[False] | None:
        """The media, None when there is none, False when it is wrong."""
        node = fields.get("media")
        if node is None:
            return None
        media = Fields.read(node, MEDIA, f"{fields.subject}: media", self.problems)
        if media is None:
            return False
        src, alt = media.text("src"), media.text("alt")
        url = src and self.site.url_of(src)
        if src and url is None:
            media.report(
                media.values["src"],
                f"src {shown(src)} is not a file under docs/; expected {MEDIA.key('src').expected}",
            )
        if not (url and alt):
            return False
        return Media(url, alt, media.text("caption"), media.text("credit"))

    def _recommendations(self, fields: Fields) -> tuple[Recommendation, ...] | None:
        known = self.site.recommendations
        found = []
        ok = True
        for node in fields.items(self.shape.keys[-1].name):
            value = node.value.strip() if isinstance(node, ScalarNode) else ""
            if known is None and value:
                found.append(Recommendation(value))
            elif known is not None and value in known:
                found.append(known[value])
            else:
                ok = False
                match = closest(value, known or {}) if value else None
                page = self.site.sections.page if self.site.sections else "the sections page"
                hint = (
                    f"did you mean '{match}'?"
                    if match
                    else f"expected the id of a '##' heading of {page}"
                )
                noun = self.shape.keys[-1].name.removesuffix("s")
                fields.report(node, f"unknown {noun} {shown(value)}; {hint}")
        return tuple(found) if ok else None

    def _era(self, fields: Fields, date: PartialDate) -> Era | None:
        """The era the date falls in; not checked (None) when the eras themselves are wrong."""
        if not self.eras:
            return None
        first, last = date.first_day, date.last_day
        touched = [era for era in self.eras if era.overlaps(first, last)]
        node = fields.values["date"]
        if len(touched) == 1 and touched[0].contains(first) and touched[0].contains(last):
            return touched[0]
        if len(touched) > 1:
            labels = " and ".join(era.label for era in touched)
            fields.report(
                node,
                f"date {shown(date.iso)} spans more than one era ({labels}); give the month and day",
            )
        elif touched:
            era = touched[0]
            fields.report(
                node,
                f"date {shown(date.iso)} reaches outside the eras ({era.label} runs from "
                f"{era.start} to {era.end or 'today'}); give the month and day",
            )
        else:
            start, end = self.eras[0].start, self.eras[-1].end
            fields.report(
                node,
                f"date {shown(date.iso)} is outside every era; expected a date within the eras "
                f"under 'eras' ({start} to {end or 'today'})",
            )
        return None


def _ids(fields: Fields, name: str) -> list[tuple[str, Node]]:
    """The ids of a list value, each with its node; an item that is not text is reported."""
    found = []
    for node in fields.items(name):
        value = node.value.strip() if isinstance(node, ScalarNode) else ""
        if value:
            found.append((value, node))
        else:
            fields.report(node, f"an item of '{name}' is empty or not text; expected an id")
    return found


def _assemble(
    title: str,
    eras: list[Era],
    events: list[Event],
    known: dict[str, Kind],
    declared: tuple[Situation, ...] = (),
    links: dict[str, list[str]] | None = None,
) -> Timeline:
    """Order the events, count the kinds and situations, link related events both ways and
    group the events by era."""
    events = sorted(
        events, key=lambda e: (e.date.sort_key, e.end_date.sort_key if e.end_date else (0, 0, 0))
    )
    counts = {kind_id: 0 for kind_id in known}
    for event in events:
        counts[event.kind.id] += 1
    kinds = {k.id: replace(k, count=counts[k.id]) for k in known.values() if counts[k.id]}
    used = {s.id: 0 for s in declared}
    for event in events:
        for situation in event.situations:
            used[situation.id] += 1
    situations = {s.id: replace(s, count=used[s.id]) for s in declared if used[s.id]}
    order = {event.id: number for number, event in enumerate(events)}
    by_id = {event.id: event for event in events}
    links = links or {}
    events = [
        replace(
            event,
            kind=kinds[event.kind.id],
            situations=tuple(situations[s.id] for s in event.situations),
            related=tuple(
                RelatedEvent(other, by_id[other].title, by_id[other].when.display)
                for other in sorted(links.get(event.id, []), key=order.__getitem__)
            ),
        )
        for event in events
    ]
    by_era: dict[str, list[Event]] = {}
    for event in events:
        by_era.setdefault(event.era.id, []).append(event)
    groups = [
        EraGroup(era.id, era.label, era.start, era.end, by_era[era.id])
        for era in eras
        if era.id in by_era
    ]
    return Timeline(
        title, groups, events, list(kinds.values()), situations=list(situations.values())
    )
