"""Word lists for quote attribution: speech verbs, media, titles and first-name genders."""
from __future__ import annotations

# Verbs that report speech or writing. Verbs of thought ("believe", "think") are left
# out on purpose: a quote is something somebody said, not what a reporter says they think.
SPEECH_VERBS = frozenset(["accuse", "acknowledge", "add", "admit", "advise", "allege", "announce", "answer", "argue", "ask", "assert", "assure", "blast", "boast", "brag", "call", "caution", "charge", "cite", "claim", "comment", "complain", "concede", "conclude", "confirm", "contend", "counter", "declare", "decry", "demand", "deny", "describe", "dismiss", "emphasise", "emphasize", "explain", "grumble", "indicate", "inform", "insist", "joke", "lament", "maintain", "mention", "note", "object", "observe", "plead", "pledge", "point", "post", "predict", "proclaim", "promise", "propose", "protest", "quip", "recall", "recount", "reiterate", "remark", "repeat", "reply", "report", "respond", "retort", "reveal", "say", "scoff", "shout", "signal", "speak", "state", "stress", "suggest", "swear", "tell", "testify", "threaten", "tweet", "urge", "vow", "warn", "write", "yell"])

# "call" and "describe" report speech only with a clause ("called it a disaster" has none);
# they are accepted as cues of direct quotes but not as heads of indirect speech.
DIRECT_ONLY_VERBS = frozenset({"call", "describe", "blast", "decry", "dismiss", "cite"})

# Nouns after "on"/"in"/"via" that name where something was said.
MEDIA = frozenset(["telegram", "twitter", "x", "facebook", "instagram", "tiktok", "youtube", "truth", "social", "media", "post", "tweet", "statement", "interview", "podcast", "speech", "address", "letter", "email", "op-ed", "editorial", "memo", "column", "blog", "video", "radio", "television", "tv", "broadcast", "briefing", "conference", "rally", "debate", "hearing", "testimony", "appearance", "message", "remarks", "release", "transcript"])

# Abbreviated titles, so that "Sen. Bernie Sanders" is "the senator".
TITLE_ALIASES = {"sen": "senator", "sen.": "senator", "rep": "representative",
                 "rep.": "representative", "gov": "governor", "gov.": "governor",
                 "pres.": "president", "gen.": "general", "sec.": "secretary"}

# Subject pronouns and the mentions they can refer to.
PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
GROUP_PRONOUNS = frozenset({"it", "they"})

FEMALE_NAMES = frozenset(["abigail", "alexandria", "alice", "amy", "angela", "angelina", "ann", "anna", "anne", "barbara", "betsy", "betty", "brenda", "carly", "carol", "caroline", "catherine", "chelsea", "christine", "claire", "condoleezza", "cynthia", "deborah", "debbie", "diane", "donna", "dorothy", "elaine", "elena", "elizabeth", "ellen", "emily", "emma", "frederica", "gina", "hannah", "heather", "heidi", "helen", "hillary", "huma", "ilhan", "irina", "iryna", "ivanka", "jane", "janet", "jeanne", "jennifer", "jessica", "jill", "joan", "joni", "josephine", "joy", "judith", "judy", "julia", "julie", "kamala", "karen", "kate", "katherine", "kathleen", "kathy", "kayleigh", "kellyanne", "kelly", "kirsten", "laura", "linda", "lisa", "liz", "loretta", "lynn", "madeleine", "maria", "marine", "marsha", "martha", "mary", "megyn", "melania", "michele", "michelle", "mika", "nancy", "nicola", "nikki", "olena", "patricia", "patty", "paula", "rachel", "rebecca", "robin", "rosa", "ruth", "samantha", "sandra", "sarah", "sharon", "sheila", "stephanie", "susan", "susana", "suzanne", "tammy", "theresa", "tulsi", "ursula", "valerie", "victoria", "virginia", "wendy", "yulia"])
MALE_NAMES = frozenset(["al", "alan", "andrew", "anthony", "antony", "ben", "benjamin", "bernie", "bill", "bob", "boris", "brian", "carl", "charles", "chris", "christopher", "chuck", "dan", "daniel", "david", "dmitry", "dmitri", "don", "donald", "douglas", "ed", "edward", "emmanuel", "eric", "francis", "frank", "gary", "george", "greg", "harry", "henry", "ian", "jack", "jake", "james", "jared", "jason", "jeb", "jeff", "jeffrey", "jim", "joe", "john", "jonathan", "jose", "joseph", "josh", "kevin", "larry", "marco", "mark", "matt", "matthew", "michael", "mike", "mitch", "newt", "olaf", "oleksandr", "paul", "peter", "phil", "rand", "reince", "richard", "rick", "rob", "robert", "ron", "rudy", "rustem", "ryan", "scott", "sergei", "sergey", "stephen", "steve", "steven", "ted", "thomas", "tim", "timothy", "tom", "tony", "vladimir", "volodymyr", "walter", "william", "xi"])
