"""Street addresses in the forms people write them in the UK, the US and Europe.

A street line is found first, in one of three shapes:
- a house number, then the street's words with a street word ("12 Canal Road",
  "3240 Meadow Drive", "29 Wattle St");
- the street's words with a street word, then a number ("Via Leopardi 83",
  "Waidäckergasse 27", "Rue du Niger 87", "ul. Królowej Jadwigi 62");
- a number, capitalised words and a number ("637 Strojírenská 1006", "324 Helmstok 174").
It is then extended over what follows it on the same line or the next ones as long as
that reads as the rest of an address: an apartment or suite, a town, a region code, a
country, a postcode. Flats and suites, and military post ("FPO AE 67942"), are found on
their own too. UK postcodes are found everywhere (``redaction.UK_POSTCODE``).
"""

from __future__ import annotations

import re

# Words that make a name a street's, first or last ("Rue ...", "... Road", "...gasse").
STREET_FIRST = (
    r"via|viale|vicolo|corso|piazza|largo|rue|avenue|av\.|boulevard|bd\.?|chemin|route|"
    r"place|calle|carrer|avenida|avda\.|paseo|plaza|camino|ctra\.|rua|travessa|praça|"
    r"alameda|estrada|zona|ul\.|ulica|aleja|al\.|strada|str\.|bulevardul|odos|odós"
)
STREET_LAST = (
    r"street|st\.?|road|rd\.?|avenue|ave\.?|lane|ln\.?|close|drive|dr\.?|way|place|pl\.?|"
    r"court|ct\.?|crescent|terrace|gardens|square|sq\.?|grove|row|mews|walk|parade|hill|"
    r"park|boulevard|blvd\.?|highway|hwy\.?|parkway|pkwy\.?|heights|spring|springs|"
    r"circle|cir\.?|trail|view|ridge|green|wharf|quay|rise|vale|meadow|meadows|estate|"
    r"str\.|viaduct|mission|"
    # street words of other languages written after the name ("Vidkuns gate 71")
    r"gate|gata|vei|veg|út|útja|utca|kapu|rakpart|körút|tér|sor|tee|puiestee|iela|gatve|"
    r"ulica|cesta|sokak|caddesi|straat|weg|laan|vej"
)
STREET_ENDING = (
    # "Ring" on its own is the English verb far more often than a street ("Ring 020...")
    r"(?!(?i:ring)\b)\w*(?:strasse|straße|gasse|weg|vej|vägen|vagen|gatan|gata|gade|platz|laan|straat|"
    r"plein|dreef|kade|allee|alléen|veien|vei|katu|tie|utca|stígur|braut|gerði|vegur|"
    r"cesta|ulica|sokak|soka\u011f\u0131|caddesi|gracht|singel|steeg|dijk|markt|damm|"
    r"ring|ufer|torv|stræde|gränd|väg|kuja|polku)"
)
WORD = r"[A-Za-zÀ-ÖØ-öø-ɏΑ-ωά-ώ][\w'\u2019.\-À-ɏ]*"
NUMBER = r"\d{1,6}[A-Za-z]?(?:[-/]\d{1,4})?"
UNIT = r"(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Box|Floor|Fl\.?)\s*#?\d{1,5}[A-Za-z]?"

_CAPITAL = r"[A-ZÀ-ÖØ-ÞΑ-Ω][\w'\u2019\-À-ɏ]*\.?"
_PARTICLE = r"(?:de|da|do|dos|das|del|della|di|du|des|la|le|van|von|der|den)"
# Words that lead into an address without being part of it ("send it to ...").
_LEAD_IN = (
    r"(?:to|at|in|on|the|a|an|and|it|is|are|was|of|for|from|with|my|your|our|their|his|"
    r"her|send|sent|live|lives|meet|me|us|near|by|via)"
)
# A street's words never end a sentence ("a session. Ring ..."); "St." may stand in one.
_STREET_WORD = rf"(?!(?i:{_LEAD_IN})\s){WORD}(?<![a-z]{{3}}\.)"
_STREET_NAMED = (
    rf"(?:(?i:{STREET_FIRST})\s+(?:{WORD}\s+){{0,4}}?{WORD}"
    rf"|(?:{_STREET_WORD}\s+){{0,3}}(?i:{STREET_ENDING}|{WORD}\s+(?:{STREET_LAST})))"
)
STREET_LINE = re.compile(
    rf"(?<![\w-])(?:{NUMBER}\s+){{0,2}}(?:"
    # number + street words with a street word
    rf"(?<=\d )(?:{WORD}\s+){{0,4}}(?i:{STREET_LAST})\b(?:[ \t]+{NUMBER}(?![\w-]))?"
    # street words with a street word, then a number
    rf"|{_STREET_NAMED}\s+{NUMBER}"
    # number, then a street word first ("87 Rue du Niger")
    rf"|(?<=\d )(?i:{STREET_FIRST})(?:\s+(?:{_PARTICLE}|{_CAPITAL})){{1,4}}"
    # number, capitalised words, number
    rf"|(?<=\d )(?:[A-ZÀ-ÖØ-ÞΑ-Ω][\w'\u2019\-À-ɏ]*\s+){{1,4}}{NUMBER}"
    rf")(?![\w-])"
)
# What may follow a street line and still be the address: a unit, a town, a region
# code, a country, a postcode, each up to four words, after a comma or a line break.
_PART = (
    rf"(?:{UNIT}|[A-Z]{{1,2}}\d[A-Z\d]?\s?\d[A-Z]{{2}}(?!\w)"
    rf"|{_CAPITAL}(?:[ \t]+(?:{_CAPITAL}|(?:del|della|des|de|da|do|di|du|la|le|van|von)"
    rf"(?!\w))){{0,3}}"
    # a Dutch postcode ("1016 GV"), then a town
    rf"|\d{{4}}[ \t]?[A-Z]{{2}}(?:[ \t]+{_CAPITAL}){{0,2}}(?![\w-])"
    # a postcode, not the first groups of a phone number that follows the address
    rf"|\d{{3,5}}(?:[- ]\d{{2,4}})?(?![\w-]|[ \t]*\d|[ \t]*-\w)|nan)"
)
ALONE = re.compile(
    rf"(?<![\w-])(?:{UNIT})(?![\w-])"
    r"|(?<![\w-])(?:US[A-Z]{1,3}\s+\w+\s*\n\s*)?[AFD]PO\s+[A-Z]{2}\s+\d{5}(?!\d)"
    r"|(?<![\w-])(?:Unit|PSC)\s+\d+,?\s+Box\s+\d+"
    r"|(?<![\w-])(?:P\.?\s?O\.?\s?Box|Postbox|Post Office Box)\s+\d+"
    # "the corner of Morris Street and Åström Viaduct": the whole crossing
    rf"|\b(?i:the corner of)\s+(?:\d+\s+)?(?:{WORD}\s+){{0,3}}?{WORD}\s+and\s+"
    rf"(?:{_CAPITAL}\s*){{1,3}}"
)
# A tail part that is plainly the start of a sentence, not an address: stop there.
_SENTENCE_WORD = re.compile(
    r"\b(?:is|are|was|were|be|has|have|had|will|would|can|could|please|the|a|an|"
    r"in|for|to|of|and|with|after|before|when|if|my|your|our|i|you|we|it|this|that)\b"
)


# Where someone says where a place is: "lives on Dobrovského 1394", "located at ...".
_PLACED = re.compile(
    r"(?i:\b(?:lives|live|living|lived|located|situated|based|moved|stay(?:ing)?)\s+(?:on|at|in)"
    r"|\baddress(?:\s+is)?:?|\bdeliver(?:ed)?\s+to|\bsend\s+(?:it|them)\s+to)\s+"
    rf"((?:{_CAPITAL}\s+){{1,3}}{NUMBER})(?![\w-])"
)


_NEXT_PART = re.compile(rf"(?:\s*,\s*|\s*\n\s*|[ \t]+)({_PART})")


def _tail_end(text: str, start: int) -> int:
    """Where the address that reaches ``start`` ends, taking units, towns, regions,
    countries and postcodes that follow it, part by part."""
    end = start
    while True:
        match = _NEXT_PART.match(text, end)
        if match is None:
            return end
        value = match.group(1)
        # "New Zealand. It serves...": a full stop after a word ends the address.
        stop = re.search(r"(?<=\w{4})\.(?=[ \t])", value)
        if stop:
            value = value[: stop.start()]
        part_end = match.start(1) + len(value)
        words = value.split()
        joiner = text[end : match.start(1)]
        # On a line of its own, "The Gardens" is a district, not a sentence.
        checked = words[1:] if "\n" in joiner and words[0] == "The" else words
        if len(words) > 4 or any(
            _SENTENCE_WORD.fullmatch(w.lower()) for w in checked if not w.isupper()
        ):
            return end
        if text[part_end : part_end + 1] == ":":  # a field's label ("Mobile:")
            return end
        # A part on the same line after a space must look like a unit, a town in
        # capitals, or a postcode; after a comma or a line break anything above does.
        if (
            "," not in joiner
            and "\n" not in joiner
            and not (
                value == "nan"
                or re.fullmatch(UNIT, value)
                or value.isupper()
                or value[0].isdigit()
                or value[0].isupper()
            )
        ):
            return end
        end = part_end
        if stop:
            return end
        while end > start and text[end - 1] == ".":  # a sentence's full stop
            end -= 1


def _number_before(text: str, start: int) -> int:
    match = re.search(r"(?<![\w.,-])\d{1,6}[ \t]+$", text[max(0, start - 12) : start])
    return start - len(match.group(0)) if match else start


# A named building before the street ("Harbour House, 2 Dock Lane"): one to three
# capitalised words ending in a word that names a building.
BUILDING_BEFORE = re.compile(
    r"(?:[A-Z][\w'-]*[ \t]+){0,2}(?:House|Court|Building|Centre|Center|Tower|Chambers|"
    r"Lodge|Hall|Works|Mill|Wharf|Exchange|Quay|Plaza|Cottage|Farm|Mansions|Buildings)"
    r",?[ \t]+$"
)


def _building_before(text: str, start: int) -> int:
    match = BUILDING_BEFORE.search(text[max(0, start - 60) : start])
    return start - len(match.group(0)) if match else start


POSTCODE_AFTER_LABEL = re.compile(
    r"(?i:\b(?:zip|zip code|postcode|post code|postal code))\s*:?\s*"
    r"(\d{3,5}(?:-\d{2,4})?|\d{2}-\d{3}|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})(?!\w)"
)


def find_addresses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each street address, without overlaps."""
    spans: list[tuple[int, int]] = [m.span(1) for m in POSTCODE_AFTER_LABEL.finditer(text)]
    for match in STREET_LINE.finditer(text):
        spans.append((match.start(), _tail_end(text, match.end())))
    for match in ALONE.finditer(text):
        spans.append((match.start(), _tail_end(text, match.end())))
    for match in _PLACED.finditer(text):
        spans.append((match.start(1), _tail_end(text, match.end(1))))
    # A house or building number written before what was found ("457 Treinta y Tres
    # 2070", "32487 P.O. Box 254") belongs to it.
    spans = [(_building_before(text, _number_before(text, start)), end) for start, end in spans]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
