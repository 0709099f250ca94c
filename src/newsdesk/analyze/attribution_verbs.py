"""Attribution cue verbs (lemmas): acts of speaking and writing, kept as plain word lists.

An attribution is something a source *said or wrote* (the facts guide, shared/data/facts-dev):
not what it thinks, believes, knows, expects, wants, finds or shows. The lists started from the
lemmas learned on PolNeAR's train split (``python benchmarks/quotes.py learn-cues`` prints them:
PolNeAR also annotates beliefs) and keep only the verbs of saying and writing among them.
``CUE_LEMMAS`` take a clause as content ("said [that] …", "“…,” she added");
``CUE_WITH_OBJECT`` take an object or an infinitive ("denied the charge", "vowed to fight").
"""

# Verbs of doing rather than of saying or holding a view. The corpus annotates some of their
# uses ("invoked a law", "voted for"), but a reader looking for who said what would not.
NOT_ATTRIBUTION = frozenset(
    "invoke pass shoot rule require restrict resist display vote aim campaign look seem appear intend "
    "plan learn decide unveil title name allow determine read".split()
)

CUE_LEMMAS = frozenset(
    ": accord acknowledge add admit allege announce argue ask assert boast caution charge claim "
    "complain concede confirm contend continue declare demand deny emphasize explain insist joke "
    "maintain mention note pledge post promise propose recall reiterate remark reply report respond "
    "reveal say shout state stress testify tell tweet vow warn write yell whisper".split()
)

CUE_WITH_OBJECT = frozenset(
    "accuse acknowledge admit announce answer ask blast cite claim concede condemn confirm "
    "criticize declare decry denounce deny detail disclose echo email emphasize hail highlight "
    "insist label lament mention note outline pledge post praise promise propose recall recite "
    "recount reiterate repeat report retweet retweete reveal say slam state stress tell threaten "
    "tout urge vow warn write".split()
)

#: Verbs whose object is the person spoken to, not what was said ("told reporters", "informed
#: them"): their content is the clause or the quotation, never the object.
ADDRESSEE_OBJECT = frozenset("tell remind assure inform brief".split())

#: Verbs that attribute only with what they call something ("called it “a con”", "described the
#: plan as a disgrace"): the object alone is not something said.
CHARACTERISING = frozenset("call describe dub brand label".split())

#: Verbs of thinking, wanting and deciding: an attribution only when the content quotes the
#: source's own words ("Arriaza hopes the visit will bring “a little more clarity”", "a judge
#: ordered the government to “facilitate” his return"), never on their own.
QUOTED_ONLY = frozenset(
    "believe consider expect fear feel hope hop know order predict rule see suggest think want wish wonder "
    "worry".split()
)
