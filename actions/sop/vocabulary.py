"""The fixed words of a support profile, as knowledge/sop/README.md lists them."""

SECTORS = {
    "po": "basisonderwijs",
    "vo": "voortgezet onderwijs",
    "sbo": "speciaal basisonderwijs",
    "so": "speciaal onderwijs",
    "vso": "voortgezet speciaal onderwijs",
}
# Only special schools belong to a cluster.
CLUSTER_SECTORS = ("so", "vso")
CLUSTERS = (1, 2, 3, 4)
LEVELS = ("basis", "extra", "specialistisch")
CATEGORIES = {
    "dyslexie": "Dyslexie",
    "dyscalculie": "Dyscalculie",
    "hoogbegaafdheid": "Hoogbegaafdheid",
    "autisme": "Autisme",
    "adhd": "ADHD",
    "gedrag": "Gedrag",
    "taal-spraak": "Taal en spraak",
    "slechtziend": "Slechtziend of blind",
    "slechthorend": "Slechthorend of doof",
    "fysieke-beperking": "Fysieke beperking en rolstoel",
    "medische-zorg": "Medische zorg",
    "angst-somberheid": "Angst en somberheid",
    "nt2": "Nederlands als tweede taal",
    "kleine-groep": "Kleine groep of klas",
    "rustplek": "Time-out en rustplek",
    "executieve-functies": "Plannen en organiseren",
    "motoriek": "Motoriek",
    "herstart": "Terug naar school na thuiszitten",
}
