"""Keys under which the names of one actor meet, whatever the outlet's spelling.

"Zelensky", "Zelenskyy", "Zelenskiy", "Зеленський" and "Mr Zelensky" share a key, as do
"Dmitry" and "Dmitri", "Łukasz" and "Lukasz", "Peskov's" and "Peskov": case, diacritics,
letters that decomposition leaves alone (ł, ø, ı, đ, ß, æ), other scripts (Cyrillic and Greek
transliterated to Latin), punctuation, honorifics and the common Latin spellings of a final
-y/-iy/-yy/-i are folded away. A state's other names and adjectives ("U.S.", "American") map to the name it is keyed
by, and an office of a state ("Ukraine's president", "Ukrainian President") has a key of its
own. Pure functions: the store indexes the keys.
"""

from __future__ import annotations

import re
import unicodedata

from text_unidecode import unidecode

from dateline.analyze.mentions import entity_name

# Final -iy, -yy, -ii, -i and -y are one sound transliterated several ways (Zelenskiy,
# Zelenskyy, Dmitri, Dmitry); words of four letters or fewer are left alone ("Mali").
_FINAL_Y = re.compile(r"(?<=\w{4})(?:iy|yy|ii|y|i)\b")
_NOT_WORD = re.compile(r"[^\w\s]")


def name_key(name: str, label: str) -> str:
    """The spelling-insensitive key of an entity name (honorific and "the" dropped)."""
    name = entity_name(name, label)
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    if not folded.isascii():
        # what decomposition leaves: letters with a stroke or ligatures (ł, ø, ı, đ, æ) and
        # other scripts ("Зеленський" -> "Zelens'kii", which meets "Zelenskyy" below)
        folded = unidecode(folded).casefold()
    folded = _NOT_WORD.sub("", folded.replace("-", " "))
    return _FINAL_Y.sub("y", " ".join(folded.split()))


def surname_key(key: str) -> str | None:
    """The key's last word when the key is a full name (two words or more)."""
    words = key.split()
    return words[-1] if len(words) > 1 else None


# Seats of government and capitals that news uses for the state itself ("Kyiv said",
# "the Kremlin denied"), by name key. Generic world knowledge, not any story's cast.
_SEATS = {
    "Russia": ("kremlin", "moscow"),
    "Ukraine": ("kyiv", "kiev", "bankova"),
    "United States": ("washington", "white house"),
    "China": ("beijing", "zhongnanhai"),
    "United Kingdom": ("london", "downing street", "whitehall"),
    "France": ("paris", "elysee"),
    "Germany": ("berlin",),
    "Iran": ("tehran",),
    "Turkey": ("ankara",),
    "Japan": ("tokyo",),
    "South Korea": ("seoul",),
    "North Korea": ("pyongyang",),
    "Israel": ("jerusalem",),
    "European Union": ("brussels",),
    "Saudi Arabia": ("riyadh",),
    "United Arab Emirates": ("abu dhabi",),
    "Qatar": ("doha",),
    "Egypt": ("cairo",),
    "India": ("new delhi",),
    "Pakistan": ("islamabad",),
    "Afghanistan": ("kabul",),
    "Syria": ("damascus",),
    "Iraq": ("baghdad",),
    "Belarus": ("minsk",),
    "Poland": ("warsaw",),
    "Italy": ("rome",),
    "Spain": ("madrid",),
    "Canada": ("ottawa",),
    "Australia": ("canberra",),
    "Brazil": ("brasilia",),
    "South Africa": ("pretoria",),
    "Mexico": ("mexico city",),
    "Venezuela": ("caracas",),
    "Cuba": ("havana",),
    "Taiwan": ("taipei",),
    "Hungary": ("budapest",),
    "Georgia": ("tbilisi",),
    "Azerbaijan": ("baku",),
    "Armenia": ("yerevan",),
    "Moldova": ("chisinau",),
    "Lebanon": ("beirut",),
    "Jordan": ("amman",),
    "Sudan": ("khartoum",),
    "Ethiopia": ("addis ababa",),
    "Nigeria": ("abuja",),
    "Kenya": ("nairobi",),
    "Vietnam": ("hanoi",),
    "Indonesia": ("jakarta",),
    "Philippines": ("manila",),
    "Greece": ("athens",),
    "Romania": ("bucharest",),
    "Sweden": ("stockholm",),
    "Norway": ("oslo",),
    "Finland": ("helsinki",),
    "Denmark": ("copenhagen",),
    "Netherlands": ("the hague",),
    "Austria": ("vienna",),
    "Switzerland": ("bern",),
}
_STATE_OF = {name_key(seat, "GPE"): state for state, seats in _SEATS.items() for seat in seats}
# Seats that are buildings or streets, not cities: institutions more than places.
_BUILDINGS = frozenset(
    ("kremlin", "bankova", "white house", "zhongnanhai", "downing street", "whitehall", "elysee")
)


def state_of(name: str) -> str | None:
    """The state a seat of government stands for when it acts ("Kyiv said"), else None."""
    return _STATE_OF.get(name_key(name, "GPE"))


def is_capital(name: str) -> bool:
    """Whether a name is a seat of government that is a city ("Kyiv", not "the Kremlin")."""
    key = name_key(name, "GPE")
    return key in _STATE_OF and key not in _BUILDINGS


# Every UN member state (and Taiwan, the EU) under the name dateline keys it by, with the other
# names, abbreviations and adjectives news uses for it ("US", "American"; "Britain", "British").
# Adjectives ending -an or -i also stand as plural nouns ("Russians", "Israelis"); other
# plurals are listed. Left out: adjectives that fit two states ("Congolese", "Korean",
# "Dominican") and ones of nations that are not states ("English", "Palestinian", "Kurdish").
_COUNTRIES = {
    "Afghanistan": ("Afghan",),
    "Albania": ("Albanian",),
    "Algeria": ("Algerian",),
    "Andorra": ("Andorran",),
    "Angola": ("Angolan",),
    "Antigua and Barbuda": ("Antiguan",),
    "Argentina": ("Argentine", "Argentines", "Argentinian"),
    "Armenia": ("Armenian",),
    "Australia": ("Australian",),
    "Austria": ("Austrian",),
    "Azerbaijan": ("Azerbaijani", "Azeri"),
    "Bahamas": ("Bahamian",),
    "Bahrain": ("Bahraini",),
    "Bangladesh": ("Bangladeshi",),
    "Barbados": ("Barbadian",),
    "Belarus": ("Belarusian", "Belarussian"),
    "Belgium": ("Belgian",),
    "Belize": ("Belizean",),
    "Benin": ("Beninese",),
    "Bhutan": ("Bhutanese",),
    "Bolivia": ("Bolivian",),
    "Bosnia and Herzegovina": ("Bosnia", "Bosnian"),
    "Botswana": ("Botswanan",),
    "Brazil": ("Brazilian",),
    "Brunei": ("Bruneian",),
    "Bulgaria": ("Bulgarian",),
    "Burkina Faso": ("Burkinabe",),
    "Burundi": ("Burundian",),
    "Cambodia": ("Cambodian",),
    "Cameroon": ("Cameroonian",),
    "Canada": ("Canadian",),
    "Cape Verde": ("Cabo Verde", "Cape Verdean"),
    "Central African Republic": ("Central African",),
    "Chad": ("Chadian",),
    "Chile": ("Chilean",),
    "China": ("Chinese", "PRC"),
    "Colombia": ("Colombian",),
    "Comoros": ("Comoran", "Comorian"),
    "Costa Rica": ("Costa Rican",),
    "Croatia": ("Croatian", "Croat", "Croats"),
    "Cuba": ("Cuban",),
    "Cyprus": ("Cypriot", "Cypriots"),
    "Czech Republic": ("Czechia", "Czech", "Czechs"),
    "Democratic Republic of Congo": ("Democratic Republic of the Congo", "DR Congo", "DRC"),
    "Denmark": ("Danish", "Danes"),
    "Djibouti": ("Djiboutian",),
    "Dominica": (),
    "Dominican Republic": (),
    "Ecuador": ("Ecuadorian", "Ecuadorean"),
    "Egypt": ("Egyptian",),
    "El Salvador": ("Salvadoran", "Salvadorean"),
    "Equatorial Guinea": ("Equatorial Guinean", "Equatoguinean"),
    "Eritrea": ("Eritrean",),
    "Estonia": ("Estonian",),
    "Eswatini": ("Swaziland", "Swazi"),
    "Ethiopia": ("Ethiopian",),
    "Fiji": ("Fijian",),
    "Finland": ("Finnish", "Finns"),
    "France": ("French",),
    "Gabon": ("Gabonese",),
    "Gambia": ("Gambian",),
    "Georgia": ("Georgian",),
    "Germany": ("German",),
    "Ghana": ("Ghanaian",),
    "Greece": ("Greek", "Greeks"),
    "Grenada": ("Grenadian",),
    "Guatemala": ("Guatemalan",),
    "Guinea": ("Guinean",),
    "Guinea-Bissau": ("Bissau-Guinean",),
    "Guyana": ("Guyanese",),
    "Haiti": ("Haitian",),
    "Honduras": ("Honduran",),
    "Hungary": ("Hungarian",),
    "Iceland": ("Icelandic", "Icelanders"),
    "India": ("Indian",),
    "Indonesia": ("Indonesian",),
    "Iran": ("Iranian",),
    "Iraq": ("Iraqi",),
    "Ireland": ("Irish",),
    "Israel": ("Israeli",),
    "Italy": ("Italian",),
    "Ivory Coast": ("Côte d'Ivoire", "Ivorian"),
    "Jamaica": ("Jamaican",),
    "Japan": ("Japanese",),
    "Jordan": ("Jordanian",),
    "Kazakhstan": ("Kazakh", "Kazakhs", "Kazakhstani"),
    "Kenya": ("Kenyan",),
    "Kiribati": (),
    "Kuwait": ("Kuwaiti",),
    "Kyrgyzstan": ("Kyrgyz",),
    "Laos": ("Lao", "Laotian"),
    "Latvia": ("Latvian",),
    "Lebanon": ("Lebanese",),
    "Lesotho": (),
    "Liberia": ("Liberian",),
    "Libya": ("Libyan",),
    "Liechtenstein": ("Liechtensteiner",),
    "Lithuania": ("Lithuanian",),
    "Luxembourg": ("Luxembourgish", "Luxembourger"),
    "Madagascar": ("Malagasy",),
    "Malawi": ("Malawian",),
    "Malaysia": ("Malaysian",),
    "Maldives": ("Maldivian",),
    "Mali": ("Malian",),
    "Malta": ("Maltese",),
    "Marshall Islands": ("Marshallese",),
    "Mauritania": ("Mauritanian",),
    "Mauritius": ("Mauritian",),
    "Mexico": ("Mexican",),
    "Micronesia": ("Micronesian",),
    "Moldova": ("Moldovan",),
    "Monaco": ("Monegasque",),
    "Mongolia": ("Mongolian",),
    "Montenegro": ("Montenegrin",),
    "Morocco": ("Moroccan",),
    "Mozambique": ("Mozambican",),
    "Myanmar": ("Burma", "Burmese"),
    "Namibia": ("Namibian",),
    "Nauru": ("Nauruan",),
    "Nepal": ("Nepalese", "Nepali"),
    "Netherlands": ("Holland", "Dutch"),
    "New Zealand": ("New Zealander", "New Zealanders"),
    "Nicaragua": ("Nicaraguan",),
    "Niger": ("Nigerien",),
    "Nigeria": ("Nigerian",),
    "North Korea": ("DPRK", "North Korean"),
    "North Macedonia": ("Macedonia", "Macedonian"),
    "Norway": ("Norwegian",),
    "Oman": ("Omani",),
    "Pakistan": ("Pakistani",),
    "Palau": ("Palauan",),
    "Panama": ("Panamanian",),
    "Papua New Guinea": ("Papua New Guinean",),
    "Paraguay": ("Paraguayan",),
    "Peru": ("Peruvian",),
    "Philippines": ("Philippine", "Filipino", "Filipinos"),
    "Poland": ("Polish", "Poles"),
    "Portugal": ("Portuguese",),
    "Qatar": ("Qatari",),
    "Republic of the Congo": ("Congo-Brazzaville",),
    "Romania": ("Romanian",),
    "Russia": ("Russian Federation", "Russian"),
    "Rwanda": ("Rwandan",),
    "Saint Kitts and Nevis": ("Kittitian",),
    "Saint Lucia": ("St Lucia", "Saint Lucian"),
    "Saint Vincent and the Grenadines": ("Vincentian",),
    "Samoa": ("Samoan",),
    "San Marino": ("Sammarinese",),
    "Sao Tome and Principe": ("Santomean",),
    "Saudi Arabia": ("Saudi", "Saudi Arabian"),
    "Senegal": ("Senegalese",),
    "Serbia": ("Serbian", "Serb", "Serbs"),
    "Seychelles": ("Seychellois",),
    "Sierra Leone": ("Sierra Leonean",),
    "Singapore": ("Singaporean",),
    "Slovakia": ("Slovak", "Slovaks", "Slovakian"),
    "Slovenia": ("Slovenian", "Slovene", "Slovenes"),
    "Solomon Islands": ("Solomon Islander", "Solomon Islanders"),
    "Somalia": ("Somali",),
    "South Africa": ("South African",),
    "South Korea": ("Republic of Korea", "South Korean"),
    "South Sudan": ("South Sudanese",),
    "Spain": ("Spanish", "Spaniard", "Spaniards"),
    "Sri Lanka": ("Sri Lankan",),
    "Sudan": ("Sudanese",),
    "Suriname": ("Surinamese",),
    "Sweden": ("Swedish", "Swede", "Swedes"),
    "Switzerland": ("Swiss",),
    "Syria": ("Syrian",),
    "Taiwan": ("Taiwanese",),
    "Tajikistan": ("Tajik", "Tajiks", "Tajikistani"),
    "Tanzania": ("Tanzanian",),
    "Thailand": ("Thai",),
    "Timor-Leste": ("East Timor", "Timorese"),
    "Togo": ("Togolese",),
    "Tonga": ("Tongan",),
    "Trinidad and Tobago": ("Trinidadian",),
    "Tunisia": ("Tunisian",),
    "Turkey": ("Türkiye", "Turkish", "Turk", "Turks"),
    "Turkmenistan": ("Turkmen",),
    "Tuvalu": ("Tuvaluan",),
    "Uganda": ("Ugandan",),
    "Ukraine": ("Ukrainian",),
    "United Arab Emirates": ("UAE", "Emirati"),
    "United Kingdom": ("UK", "Britain", "Great Britain", "British", "Briton", "Britons", "Brits"),
    "United States": ("US", "USA", "America", "United States of America", "American"),
    "Uruguay": ("Uruguayan",),
    "Uzbekistan": ("Uzbek", "Uzbeks"),
    "Vanuatu": (),
    "Venezuela": ("Venezuelan",),
    "Vietnam": ("Viet Nam", "Vietnamese"),
    "Yemen": ("Yemeni",),
    "Zambia": ("Zambian",),
    "Zimbabwe": ("Zimbabwean",),
    "European Union": ("EU",),
}
_COUNTRY_OF = {
    name_key(name, "GPE"): country
    for country, names in _COUNTRIES.items()
    for name in (country, *names, *(n + "s" for n in names if n.endswith(("an", "i"))))
}

# Offices a state has one holder of at a time, as a title's last word ("foreign minister").
_OFFICE = (
    r"(?:vice[- ])?president|minister|premier|chancellor|secretary|king|queen|emperor"
    r"|monarch|leader|ruler|envoy|ambassador|spokes(?:person|man|woman)|chief|commander"
)
# A title: the office after at most two words ("deputy prime minister").
TITLE = re.compile(rf"(?:[^\W\d_]+\s+){{0,2}}?(?:{_OFFICE})(?![\w-])", re.IGNORECASE)
_OFFICE_OF = re.compile(r"(.+?)\s+of\s+(?:the\s+)?(.+)", re.IGNORECASE)


def country_of(name: str) -> str | None:
    """The state a name or adjective stands for ("U.S.", "American" -> "United States")."""
    return _COUNTRY_OF.get(name_key(name, "GPE"))


def office_key(state: str, office: str) -> str:
    """The key an office of a state is known by ("Ukraine", "President" -> "ukraine's
    president"); never a name's key, which has no apostrophe."""
    return f"{name_key(state, 'GPE')}'s {name_key(office, 'ORG')}"


def title_key(title: str) -> str | None:
    """The office key of a role's title that names its state ("Ukrainian President",
    "Ukraine's defence minister", "president of Ukraine"), else None."""
    words = title.split()
    # the longest state name first: "Saudi Arabian foreign minister" is not Saudi's
    splits = [
        (" ".join(words[:n]), " ".join(words[n:])) for n in range(min(len(words) - 1, 4), 0, -1)
    ]
    office_of = _OFFICE_OF.fullmatch(title)
    for state, office in ([office_of.group(2, 1)] if office_of else []) + splits:
        if (country := country_of(state)) is not None and TITLE.fullmatch(office):
            return office_key(country, office)
    return None
