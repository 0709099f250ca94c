"""Attribution cue verbs (lemmas), learned from annotated news and kept as plain word lists.

Chosen on PolNeAR's train split (2016 US political news, 840 articles): a lemma is listed when
at least 40% of the attributions newsdesk reads with it match an annotated one, over 5 uses or
more. ``CUE_LEMMAS`` take a clause as content ("said [that] …", "“…,” she added");
``CUE_WITH_OBJECT`` take an object or an infinitive ("endorsed Clinton", "vowed to fight").
Regenerate with ``python benchmarks/quotes.py learn-cues``; the dev split is kept for measuring.
"""

# Verbs of doing rather than of saying or holding a view. The corpus annotates some of their
# uses ("invoked a law", "voted for"), but a reader looking for who said what would not.
NOT_ATTRIBUTION = frozenset(
    "invoke pass shoot rule require restrict resist display vote aim campaign look seem appear intend "
    "plan learn decide unveil title name allow determine read".split()
)

CUE_LEMMAS = frozenset(
    ": accord acknowledge add admit agree allege announce argue ask assert assume believe boast "
    "caution charge claim complain concede conclude confirm contend continue convince declare "
    "decline demand demonstrate deny describe discuss draw emphasize estimate expect explain fear "
    "figure find forget guess hear hop hope imply indicate insist joke know link maintain mention "
    "note pledge point post predict promise propose publish question raise react realize recall "
    "recognize reflect reiterate release remark reply report respond reveal say shout show state "
    "stress suggest tell testify think tweet understand view vow want warn wonder worry write "
    "yell".split()
)

CUE_WITH_OBJECT = frozenset(
    "acknowledge admit agree announce answer applaud appoint approve argue ask assure attack back "
    "believe blame blast brush chant cheer cite claim concede condemn confirm congratulate "
    "consider contradict convince credit criticize declare decline decry deem defend demand "
    "denounce deny detail disavow disclose discuss dismiss echo email emphasize encourage endorse "
    "expect explain expose express fear feel forget hail highlight hop hope ignore issue label "
    "lament lay like love mention mock note offer oppose order outline persuade pledge point post "
    "praise predict prefer promise promote propose question recall recite recognize recommend "
    "recount reference refuse reiterate reject release remember remind renew repeat report "
    "retweete reveal say seek show sign signal slam state stress suggest support talk tell "
    "threaten tout understand urge vow want warn".split()
)
