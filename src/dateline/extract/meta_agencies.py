"""News agencies, each under its canonical short name with the spellings that name it.

Short forms such as "AP" or "PA" are ordinary letters elsewhere, so ``agency`` only
accepts a whole credit ("(AP)", "Reuters staff"), never a name found in running text.
"""

from __future__ import annotations

import re

AGENCIES: dict[str, tuple[str, ...]] = {
    "Reuters": ("Reuters", "Thomson Reuters"),
    "AFP": (
        "AFP",
        "Agence France-Presse",
        "Agence France Presse",
        "France-Presse",
        "France Presse",
    ),
    "AP": ("AP", "Associated Press", "AP News"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur", "Deutsche Presse Agentur"),
    "Interfax-Ukraine": ("Interfax-Ukraine",),
    "Interfax": ("Interfax",),
    "TASS": ("TASS", "Tass", "ITAR-TASS"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Sputnik": ("Sputnik",),
    "Ukrinform": ("Ukrinform",),
    "UNIAN": ("UNIAN",),
    "Xinhua": ("Xinhua", "Xinhua News Agency"),
    "ANI": ("ANI", "Asian News International"),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS", "Indo-Asian News Service"),
    "UNI": ("United News of India",),
    "EFE": ("EFE", "Agencia EFE"),
    "Europa Press": ("Europa Press",),
    "ANSA": ("ANSA",),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Jiji": ("Jiji Press", "Jiji"),
    "Yonhap": ("Yonhap", "Yonhap News Agency"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "Dow Jones": ("Dow Jones Newswires", "Dow Jones"),
    "UPI": ("UPI", "United Press International"),
    "AAP": ("AAP", "Australian Associated Press"),
    "Canadian Press": ("Canadian Press",),
    "PA Media": ("PA Media", "Press Association", "PA"),
    "Anadolu": ("Anadolu Agency", "Anadolu"),
    "WAM": ("WAM", "Emirates News Agency"),
    "SPA": ("Saudi Press Agency",),
    "KUNA": ("KUNA", "Kuwait News Agency"),
    "QNA": ("QNA", "Qatar News Agency"),
    "IRNA": ("IRNA",),
    "MENA": ("Middle East News Agency",),
    "SANA": ("SANA",),
    "Bernama": ("Bernama",),
    "Antara": ("Antara",),
    "Lusa": ("Lusa",),
    "PAP": ("PAP", "Polish Press Agency"),
    "CTK": ("CTK", "ČTK"),
    "BTA": ("BTA",),
    "MTI": ("MTI",),
    "Agerpres": ("Agerpres",),
    "HINA": ("HINA",),
    "Tanjug": ("Tanjug",),
    "ANP": ("ANP",),
    "Belga": ("Belga",),
    "APA": ("APA",),
    "Keystone-SDA": ("Keystone-SDA",),
    "NTB": ("NTB",),
    "Ritzau": ("Ritzau",),
    "STT": ("STT",),
    "KCNA": ("KCNA",),
    "CNA": ("Central News Agency",),
    "Vietnam News Agency": ("Vietnam News Agency",),
}

# Every written form: as listed and in capitals ("REUTERS"); longer names also in any
# case, since "Agence France-presse" is still unambiguous while "ap" is not.
_FORMS = {
    form: name
    for name, spellings in AGENCIES.items()
    for spelling in spellings
    for form in (spelling, spelling.upper())
}
_FOLDED = {form.casefold(): name for form, name in _FORMS.items() if len(form) > 5}

_DECORATION = re.compile(
    r"^(?:the\s+)|(?:\s+(?:staff|reporters?|wire|news\s+agency|report))$", re.IGNORECASE
)


def agency(text: str | None) -> str | None:
    """The canonical name when ``text`` is an agency's name and nothing else.

    Surrounding punctuation, a leading "The" and a trailing "staff" are allowed:
    "(AP)", "— REUTERS", "The Associated Press", "Reuters staff".
    """
    if not text:
        return None
    name = text.strip(" \t\r\n\"'“”‘’()[]{}<>|/\\·•*_-–—:;,.")
    name = re.sub(r"\s+", " ", name)
    name = _DECORATION.sub("", name).strip()
    return _FORMS.get(name) or _FOLDED.get(name.casefold())
