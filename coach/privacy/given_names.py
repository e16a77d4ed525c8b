"""Common given names, for spotting "First Surname" pairs that spaCy's small model misses.

Only used together with a following capitalised word that spaCy tags as a proper noun
("Gemma Holt"), never on its own: on its own, "Frank" or "Hope" is as often a word.
The list spans the names common in UK and European workplaces; extend it per
organisation if its people are missed (the redaction eval shows where).
"""

GIVEN_NAMES = frozenset(
    """
    aaron abdul abigail adam adrian ahmed aidan aisha aisling alan albert alex
    alexander alexandra alice alison amanda amelia amir amy ana andrea andrew angela
    anita ann anna anne anthony anya arjun arthur ashley aziz barbara barry beatrice
    ben benjamin beth bethany bilal brian bridget bruno caitlin camille carl carla
    carlos caroline catherine charles charlie charlotte chen chidi chris christian
    christine christopher ciara claire clara colin connor craig dan daniel daniela
    danielle darren david dean declan deepa denise derek diana diane divya dominic
    donna dylan eamon edward eleanor elena eliza elizabeth ella ellie emily emma
    eric erin ethan eva eve fatima felix fergus fernando fiona florence francesca
    francis freya gabriel gary gavin gemma georgia gerald giulia gordon graham greg
    gregory hannah harriet harry heidi helen henry hollie holly hugo ian imran irene
    isaac isabel isabella jack jacob jade james jamie jan jane janet jason javier
    jennifer jeremy jessica joan joanna joe joel john jonathan jordan jose joseph
    joshua julia julie justin karen karim kate katie kavita keith kelly kevin kieran
    kim kirsty lara laura lauren leah leon leonie lewis liam linda lisa lorna louis
    louise lucas lucy luis luke lydia magda magdalena malik marco margaret maria
    marie mark martin mary matthew megan mehmet melissa michael michelle mike
    mohamed mohammed molly monica nadia naomi natalie nathan neil nicholas nicola
    nina noah nora olga olivia omar oscar owen pablo paolo patricia paul paula peter
    philip pierre rachel rahul raj rajesh ravi rebecca richard rita robert ruth ryan
    sadia sally samantha samuel sandra sara sarah scott sean shauna shirin simon
    siobhan sophie stephen steven stuart susan tanya teresa thomas tim timothy tina
    tom tony tracy una valentina vanessa vera victoria vincent wendy william yvonne
    zainab zoe
    """.split()  # noqa: SIM905 - a word list reads better as text
)
