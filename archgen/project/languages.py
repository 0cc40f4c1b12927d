"""Which keys of a text map are languages: ISO 639 codes, with the usual slips caught.

A text in a language no build asks for is never shown, and a build in a language a text
lacks falls back to English without a word; so a key that names no language, such as
a country code written for one (`kr` for Korean, `jp` for Japanese), is an error that
names the code meant. The rule does not depend on the build's `--lang`, so `validate`
and every build agree: a key is known if it is an ISO 639-1 code (two letters) or a
three-letter ISO 639-2/3 code, either with BCP 47 subtags (`pt-BR`, `zh-Hant`).
"""

from __future__ import annotations

# ISO 639-1: every two-letter language code.
_ISO_639_1_CODES = """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs
    cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha
    he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn
    ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb
    nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd
    se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw
    ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
    """
ISO_639_1 = frozenset(_ISO_639_1_CODES.split())

# Country codes written for their country's language. `kr` (Kanuri) and `se` (Northern
# Sami) are language codes too, but a spec writing them almost always means Korean or
# Swedish; Kanuri and Northern Sami can be written with their ISO 639-2 codes, `kau`
# and `sme`.
COUNTRY_CODES = {
    "kr": "ko",
    "jp": "ja",
    "cn": "zh",
    "gr": "el",
    "dk": "da",
    "se": "sv",
    "cz": "cs",
    "ua": "uk",
    "us": "en",
    "gb": "en",
    "vn": "vi",
    "il": "he",
    "ir": "fa",
}
# The two that are language codes as well, and how to write those languages instead.
_WRITTEN_OTHERWISE = {"kr": ("Kanuri", "kau"), "se": ("Northern Sami", "sme")}


def language_problem(code: str) -> str | None:
    """Why ``code`` (a text map's key, already shaped like a BCP 47 tag) names no
    language; None when it does."""
    primary = code.split("-", 1)[0]
    meant = COUNTRY_CODES.get(primary)
    if meant is not None:
        other = _WRITTEN_OTHERWISE.get(primary)
        aside = f"; for {other[0]} write '{other[1]}'" if other else ""
        return f"unknown language '{code}' (did you mean '{meant}'?){aside}"
    if len(primary) == 2 and primary not in ISO_639_1:
        return f"unknown language '{code}': not an ISO 639-1 code such as 'en' or 'ko'"
    return None
