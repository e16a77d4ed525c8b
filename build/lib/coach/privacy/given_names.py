"""Common given names, for spotting "First Surname" pairs that spaCy's small model misses.

Only used together with a following capitalised word that spaCy tags as a proper noun
("Gemma Holt"), never on its own: on its own, "Frank" or "Hope" is as often a word.
The list spans the names common in UK and European workplaces; extend it per
organisation if its people are missed (the redaction eval shows where).
"""

GIVEN_NAMES = frozenset(
    """
    aaron abdul abena abigail adam adebayo adrian adriana agnieszka ahmad ahmed
    aidan aisha aisling akira alan albert alejandro alessandro alex alexander
    alexandra alice alicja alison amanda amelia amina amir amy ana anders andrea
    andrew andrzej angela anita ankit ann anna anne anthony antonio anya arash arjun
    arthur aryan ashley ayesha aziz barbara barry beatrice beatriz ben benjamin beth
    bethany bilal bogdan brian bridget bruno caitlin camille carl carla carlos
    carmen caroline catalina catherine charles charlie charlotte chen chiara chidi
    chinedu chloe chris christian christine christopher ciara claire clara colin
    connor craig cristina dan daniel daniela danielle dariusz darren david dean
    declan deepa deepak denise derek diana diane diego divya dmitri dominic donna
    dylan eamon eduardo edward eleanor elena elif eliza elizabeth ella ellie emeka
    emily emma emre enrique eric erin esther ethan eva eve farid fatima fatou felix
    femi fergus fernando fiona florence francesca francesco francis freya gabriel
    gabriela gary gavin gemma georgia gerald giorgio giovanni giulia gordon graham
    greg gregory guillermo hamid hana hannah harriet harry hassan heidi helen henry
    hiroshi hollie holly hugo hyun ian ifeoma imran ingrid irene isaac isabel
    isabella ivan jack jacob jade jakub james jamie jan jane janet jason javed
    javier jennifer jeremy jessica jin joan joanna joao joe joel john jonathan
    jordan jorge jose joseph joshua juan julia julie justin kamal karen karim
    katarzyna kate katie kavita keith kelly kemi kenji kevin kieran kim kirsty kofi
    kwame lara lars laura lauren leah leon leonie lewis liam linda lisa lorna louis
    louise luca lucas lucia lucy luis luke lydia magda magdalena magnus malgorzata
    malik manuel marco marek margaret maria mariam marie mark marta martin mary
    mateusz matthew megan mehmet mei melissa michael michelle miguel mike ming
    mohamed mohammad mohammed molly monica nadia naomi natalie nathan neil nicholas
    nicola nina nkechi noah nora nuno oksana olga olivia olumide omar oscar owen
    pablo paolo patricia paul paula pedro peter philip pierre pilar piotr priya
    rachel rafael rahul raj rajesh ramon ravi rebecca reza richard rita robert rosa
    ruth ryan sadia sally samantha samuel sandra sanjay sara sarah scott sean sergio
    shauna shirin shreya simon siobhan sipho sofia sophie soren stefan stephen
    steven stuart sunil susan takeshi tanya tariq teresa thomas tim timothy tina tom
    tomasz tony tracy tunde una valentina vanessa vera victoria vincent wei wendy
    william wojciech xavier yan yusuf yvonne zahra zainab zeynep zoe
    """.split()  # noqa: SIM905 - a word list reads better as text
)

# Formal given name -> the short forms people commonly use for it, so a roster that lists
# "Katherine" also hides "Kate" and "Kathy" in a note. Short forms that are everyday
# words ("Will", "Bill", "Rob") are matched only when written as names (see redaction).
COMMON_NICKNAMES: dict[str, tuple[str, ...]] = {
    "alastair": ("al", "ali"),
    "alistair": ("al", "ali"),
    "alexander": ("alex", "xander", "sandy"),
    "alexandra": ("alex", "lexi", "sasha"),
    "andrew": ("andy", "drew"),
    "anthony": ("tony", "ant"),
    "beatrice": ("bea", "trixie"),
    "benjamin": ("ben", "benny"),
    "callum": ("cal",),
    "catherine": ("cath", "cathy", "kate", "katie"),
    "charlotte": ("charlie", "lottie"),
    "christopher": ("chris", "kit"),
    "daniel": ("dan", "danny"),
    "deborah": ("deb", "debs", "debbie"),
    "edmund": ("ed", "eddie", "ted"),
    "edward": ("ed", "eddie", "ted", "ned"),
    "elizabeth": ("liz", "lizzie", "beth", "betty", "eliza"),
    "fiona": ("fi",),
    "gareth": ("gaz",),
    "george": ("georgie",),
    "hannah": ("han",),
    "helena": ("lena", "nell"),
    "ibrahim": ("ibi",),
    "imogen": ("immy",),
    "james": ("jim", "jimmy", "jamie"),
    "jennifer": ("jen", "jenny"),
    "jessica": ("jess", "jessie"),
    "jonathan": ("jon", "jonny"),
    "jonah": ("jon", "jo"),
    "joseph": ("joe", "joey"),
    "julian": ("jules",),
    "katherine": ("kate", "kathy", "katie", "kat", "kath"),
    "margaret": ("maggie", "meg", "peggy"),
    "matthew": ("matt",),
    "michael": ("mike", "mick", "mikey"),
    "nicholas": ("nick", "nicky"),
    "nikhil": ("nik",),
    "oliver": ("ollie", "olly"),
    "patrick": ("pat", "paddy"),
    "priya": ("pri",),
    "rebecca": ("becca", "becky"),
    "richard": ("rich", "rick", "ricky"),
    "robert": ("rob", "bob", "bobby", "robbie"),
    "samantha": ("sam", "sammy"),
    "samuel": ("sam", "sammy"),
    "theodore": ("theo", "ted", "teddy"),
    "thomas": ("tom", "tommy"),
    "tomasz": ("tomek", "tom"),
    "victoria": ("vicky", "tori"),
    "william": ("will", "bill", "billy", "liam"),
    "xavier": ("xav",),
    "yasmin": ("yas", "yaz"),
}


# More given names common across Europe, the Americas, Africa and Asia, so that a first
# name written alone ("Sue, can I speak to your boss?") is recognised; a name that is
# also an everyday word stays out of this list (see ``COMMON_WORD_NAMES``).
MORE_GIVEN_NAMES = frozenset(
    """
    aarav abel abigail ada adele adeline adil adnan adriaan agata agathe agnes ágnes
    aiko aileen aino akash alba alberto aleksander aleksandra alessia alexei alfie
    alfredo ali alicia alina alma alois amalia amara amelie anders andreas andrei
    andres aneta angelika anika anja anke ann-marie annika anouk antoine anton
    antonia arne arnaud arya astrid aurelie axel ayda aylin bartosz basia bastian
    beata benedikt berit bernd bernhard bianca birgit bjorn björn blanca bogdana
    boris bram brett brigitte burak caio calan camila carina carlo carolina cecilia
    cecilie celine cesar chantal charlene chiyuri christa christiane christoph
    christophe cindy claudia clemens colm conor constantin cornelia cynthia csanád
    dagmar dalia damian dana daniele danuta dario dasha david dawid dejan delphine
    denis desmond dieter dimitri dirk dominika doris dorota dorothea dorothy edith
    edwin eero eirik elena eleni elif elin elisa elisabeth elise ella ellen elodie
    elsa emil emilia emilie emma emre enrico enzo erik erika erin ernst esther eva
    evelien evelyn fabian fabio fatima federico felix femke fernando filip filipa
    finn florian francesca francesco francisco franziska frederik frida friedrich
    gabor gábor gabriel gabriela gabriele gemma georg georgia gerald gerhard gert
    gianluca gina giorgio giovanni gisela giulia giuseppe gonzalo gregor gregory
    greta gudrun guillaume gunnar gustav hamid hana hanna hannes hans harald harriet
    hassan heidi heike heinz helen helga henrik henrike herman hilde hiroshi holger
    hugo ida igor ilse ines ingrid irene irina isa isabel isabella isak ivan ivana
    ivica jacek jakob jakub jan jana janek janina janne jaroslav jasmin jasper jean
    jelena jens jeroen jesper joanna joao joachim joel johan johanna johannes jonas
    jordi jorge jose josef josefine joseph juan julia julie juliane julien jurgen
    jürgen justyna kai kalle kamil karel karin karl karolina kasper katarina
    katarzyna kateřina katja kerstin kevin kiran klaus knut konrad kristian kristina
    krzysztof lara lars laura laurent lea leah lena leo leon leonie lina linda linnea
    lisa lorenzo luca lucas lucia lucie ludwig luis luisa lukas łukasz lydia magda
    magdalena magnus maja malgorzata małgorzata manon manuel marc marcel marcelo
    marco marek margarida maria mariana marie marina mario marius marko marta martin
    martina mateusz mathias mathilde matilda matteo matthias mattias maurice max
    maxim maximilian mehmet melanie mia michaela michal michał miguel mikael mikkel
    milan milena miriam mohamed mohammed monika moritz nadia nadine natalia natalie
    nathalie nicola nicolas niels nikolai nikolaj nils nina noah noor nora norbert
    ola olaf olga oliwia olivia omar oscar oskar otto pablo paola pascal patricia
    patrik paulina pavel pawel paweł pedro petr petra philipp philippe pia piotr
    rafael rafal rafał raquel raul regina reinhard renata renátó rené riccardo rita
    roberto rodrigo roland roman rosa ruben rui sabine sabrina sander sandra sara
    sarah sascha sebastian selin sergei sergio silke silvia simon simona simone sina
    sofia sofie sonja sophie stefan stefania stefano steffen stella sten stephan
    stephanie sue susanne suzanne sven svenja sylvia szymon tamara tanja teresa thea
    theo thierry thijs thomas thorsten tiago tim timo tobias tomas tomás tomáš tomek
    torsten ulla ulrich ulrike ursula valentina valentin valerie vanessa vera verena
    veronika victor viktor vincent vincenzo vladimir walter werner wiebke wim
    wojciech xavier yannick yara yusuf yvonne zeynep zofia zoltan zoltán zuzana
    """.split()  # noqa: SIM905 - a word list reads better as text
)
