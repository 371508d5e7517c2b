"""Where the demo's members work: organizations, roles, regions and partners."""

# Kinds of local organizations by theme (one of INTERESTS); {place} comes from PLACES.
ORGANIZATION_KINDS = {
    "Sécurité alimentaire": ["Banque alimentaire {place}", "Cuisines collectives {place}"],
    "Agriculture urbaine": ["Jardins collectifs {place}"],
    "Lutte contre la pauvreté": ["Carrefour d'entraide {place}"],
    "Bénévolat": ["Centre d'action bénévole {place}"],
    "Logement social": ["Comité logement {place}", "Habitations populaires {place}"],
    "Droits des locataires": ["Association des locataires {place}"],
    "Mobilisation citoyenne": ["Table de quartier {place}"],
    "Environnement": ["Éco-quartier {place}", "Comité vert {place}"],
    "Transition énergétique": ["Coopérative d'énergie solidaire {place}"],
    "Transport collectif": ["Regroupement pour le transport collectif {place}"],
    "Arts et culture": ["Maison de la culture {place}", "Théâtre communautaire {place}"],
    "Patrimoine": ["Société d'histoire {place}"],
    "Éducation populaire": ["Centre d'éducation populaire {place}"],
    "Développement régional": ["Corporation de développement communautaire {place}"],
    "Inclusion des personnes immigrantes": [
        "Carrefour interculturel {place}",
        "Service d'accueil des nouveaux arrivants {place}",
    ],
    "Francisation": ["Centre de francisation {place}"],
    "Littératie": ["Groupe d'alphabétisation {place}"],
    "Égalité des genres": ["Centre des femmes {place}"],
    "Santé mentale": ["Centre d'écoute {place}"],
    "Personnes proches aidantes": ["Réseau des proches aidants {place}"],
    "Aînés": ["Maison des aînés {place}"],
    "Accessibilité universelle": ["Association des personnes handicapées {place}"],
    "Jeunesse": ["Maison des jeunes {place}"],
    "Petite enfance": ["Maison de la famille {place}"],
    "Sport et loisirs": ["Club de plein air {place}"],
    "Économie sociale": ["Coopérative de solidarité {place}"],
    "Philanthropie": ["Fondation communautaire {place}"],
    "Communication numérique": ["Radio communautaire {place}"],
}

# Where local organizations are, by region, as they follow a name.
PLACES = {
    "01": ["de Rimouski", "du Kamouraska", "de Rivière-du-Loup"],
    "02": ["du Saguenay", "de Chicoutimi", "du Lac-Saint-Jean"],
    "03": ["de Limoilou", "de Charlevoix", "de Sainte-Foy", "de la Basse-Ville"],
    "04": ["de Trois-Rivières", "de Shawinigan"],
    "05": ["de Sherbrooke", "de Magog", "de Coaticook"],
    "06": [
        "du Plateau",
        "de Rosemont",
        "d'Hochelaga",
        "de Montréal-Nord",
        "de Parc-Extension",
        "de Verdun",
    ],
    "07": ["de Gatineau", "de la Petite-Nation"],
    "08": ["de Rouyn-Noranda", "de Val-d'Or"],
    "09": ["de Sept-Îles", "de Baie-Comeau"],
    "10": ["de Chibougamau"],
    "11": ["de Gaspé", "des Îles"],
    "12": ["de Lévis", "de Beauce"],
    "13": ["de Laval", "de Chomedey"],
    "14": ["de Joliette", "de Terrebonne"],
    "15": ["de Saint-Jérôme", "des Hautes-Laurentides"],
    "16": ["de Longueuil", "de Saint-Hyacinthe", "de Granby"],
    "17": ["de Drummondville", "de Victoriaville"],
    "99": [],
}

# Organizations that work all over Québec; every circle of CIRCLES has one.
QUEBEC_WIDE_ORGANIZATIONS = [
    ("Réseau des cuisines et jardins collectifs", "Sécurité alimentaire"),
    ("Coalition des locataires du Québec", "Droits des locataires"),
    ("Regroupement pour la transition juste", "Transition énergétique"),
    ("Réseau du patrimoine communautaire", "Patrimoine"),
    ("Table québécoise de la francisation", "Francisation"),
    ("Literacy Quebec Partners", "Littératie"),
    ("Ligne d'écoute Entre-Nous", "Santé mentale"),
    ("Regroupement des proches aidants du Québec", "Personnes proches aidantes"),
    ("Alliance jeunesse du Québec", "Jeunesse"),
    ("Collectif pour une économie solidaire", "Économie sociale"),
    ("Fonds d'entraide communautaire", "Philanthropie"),
]

# English-speaking community organizations, where anglophone members work first.
ENGLISH_ORGANIZATIONS = {
    "03": [("Quebec City Newcomers' Circle", "Inclusion des personnes immigrantes")],
    "05": [
        ("Townships Literacy Council", "Littératie"),
        ("Eastern Townships Seniors' Network", "Aînés"),
    ],
    "06": [
        ("Youth Action Montreal", "Jeunesse"),
        ("Montreal Newcomers Network", "Inclusion des personnes immigrantes"),
        ("Volunteer Bureau of the West Island", "Bénévolat"),
        ("West End Food Collective", "Sécurité alimentaire"),
        ("Mile End Tenants' Association", "Droits des locataires"),
        ("Point Community Arts", "Arts et culture"),
        ("Green Alliance Montreal", "Environnement"),
        ("Montreal Caregivers' Circle", "Personnes proches aidantes"),
    ],
    "07": [
        ("Pontiac Community Food Bank", "Sécurité alimentaire"),
        ("Aylmer Youth Centre", "Jeunesse"),
    ],
}

# Roles by grammatical gender: "f" feminine, "m" masculine, "x" epicene (for iel).
ROLES_FR = {
    "f": [
        "Directrice générale",
        "Coordonnatrice",
        "Intervenante",
        "Chargée de projet",
        "Agente de communication",
        "Organisatrice communautaire",
        "Administratrice du conseil",
        "Responsable des bénévoles",
    ],
    "m": [
        "Directeur général",
        "Coordonnateur",
        "Intervenant",
        "Chargé de projet",
        "Agent de communication",
        "Organisateur communautaire",
        "Trésorier du conseil",
        "Responsable des bénévoles",
    ],
    "x": ["Responsable des bénévoles", "Bénévole", "Membre du conseil", "Responsable des projets"],
}
ROLES_EN = [
    "Executive Director",
    "Program Coordinator",
    "Community Organizer",
    "Volunteer Manager",
    "Communications Officer",
    "Board Member",
    "Project Lead",
    "Volunteer",
]

# Regions weighted as the network's members are: Montréal and Québec first.
REGION_WEIGHTS = {
    "06": 30,
    "03": 16,
    "16": 10,
    "13": 6,
    "05": 5,
    "07": 5,
    "04": 4,
    "02": 4,
    "12": 4,
    "14": 3,
    "15": 3,
    "01": 3,
    "17": 2,
    "08": 1,
    "09": 1,
    "11": 1,
    "10": 1,
    "99": 1,
}

PARTNER_ORGANIZATIONS = [
    {
        "email": "partenariats@caisse-solidaire.example",
        "name": "Hélène Bisson",
        "organization": "Caisse solidaire du Québec",
        "role": "Conseillère en partenariats",
        "interests": ["Économie sociale", "Philanthropie", "Développement régional"],
        "skills": ["Collecte de fonds", "Planification stratégique"],
    },
    {
        "email": "dons@fondation-horizon.example",
        "name": "Marc-André Vézina",
        "organization": "Fondation Horizon",
        "role": "Directeur des dons",
        "interests": ["Philanthropie", "Jeunesse", "Lutte contre la pauvreté"],
        "skills": ["Évaluation d'impact", "Demandes de subvention"],
    },
    {
        "email": "communautaire@ville-riviere.example",
        "name": "Sonia Ladouceur",
        "organization": "Ville de Rivière-des-Prairies",
        "role": "Agente de développement communautaire",
        "interests": ["Développement régional", "Logement social", "Sport et loisirs"],
        "skills": ["Organisation d'événements", "Négociation"],
    },
    {
        "email": "community@greenleaf-energy.example",
        "name": "Graham Whitfield",
        "organization": "Greenleaf Energy Co-op",
        "role": "Community Investment Lead",
        "interests": ["Transition énergétique", "Environnement", "Économie sociale"],
        "skills": ["Analyse de données", "Gestion de projet"],
        "language": "en",
    },
]
