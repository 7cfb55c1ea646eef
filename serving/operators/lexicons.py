"""Small built-in lexicons for surrogates (stable across Faker versions, so surrogates are reproducible).

Common given names and surnames, invented places and organizations. `GIVEN_NAMES` doubles as the list that
decides whether a name token is replaced by a given name or a surname.
"""

from __future__ import annotations

GIVEN_NAMES = (
    "John", "Jane", "James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "William", "Linda", "David",
    "Elizabeth",
    "Richard", "Barbara", "Joseph", "Susan", "Thomas", "Jessica", "Charles", "Sarah", "Christopher", "Karen",
    "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Margaret", "Donald", "Sandra", "Steven",
    "Ashley", "Paul", "Kimberly", "Andrew", "Emily", "Joshua", "Donna", "Kenneth", "Michelle", "Kevin",
    "Carol", "Brian", "Amanda", "George", "Dorothy", "Timothy", "Melissa", "Ronald", "Deborah", "Edward",
    "Stephanie", "Jason", "Rebecca", "Jeffrey", "Sharon", "Ryan", "Laura", "Jacob", "Cynthia", "Gary",
    "Kathleen", "Nicholas", "Amy", "Eric", "Angela", "Jonathan", "Shirley", "Stephen", "Anna", "Larry",
    "Brenda", "Justin", "Pamela", "Scott", "Emma", "Brandon", "Nicole", "Benjamin", "Helen", "Samuel",
    "Samantha", "Gregory", "Katherine", "Frank", "Christine", "Alexander", "Debra", "Raymond", "Rachel",
    "Patrick", "Carolyn", "Jack", "Janet", "Dennis", "Catherine", "Jerry", "Maria", "Tyler", "Heather",
    "Aaron", "Diane", "Jose", "Ruth", "Adam", "Julie", "Nathan", "Olivia", "Henry", "Joyce", "Douglas",
    "Virginia", "Zachary", "Victoria", "Peter", "Kelly", "Kyle", "Lauren", "Ethan", "Christina", "Walter",
    "Joan", "Noah", "Evelyn", "Jeremy", "Judith", "Christian", "Megan", "Keith", "Andrea", "Roger", "Cheryl",
    "Terry", "Hannah", "Gerald", "Jacqueline", "Harold", "Martha", "Sean", "Gloria", "Austin", "Teresa",
    "Carl", "Ann", "Arthur", "Sara", "Lawrence", "Madison", "Dylan", "Frances", "Jesse", "Kathryn", "Jordan",
    "Janice", "Bryan", "Jean", "Billy", "Abigail", "Joe", "Alice", "Bruce", "Judy", "Gabriel", "Sophia",
    "Logan", "Grace", "Albert", "Denise", "Willie", "Amber", "Alan", "Doris", "Juan", "Marilyn", "Wayne",
    "Danielle", "Elijah", "Beverly", "Randy", "Isabella", "Roy", "Theresa", "Vincent", "Diana", "Ralph",
    "Natalie", "Eugene", "Brittany", "Russell", "Charlotte", "Bobby", "Marie", "Mason", "Kayla", "Philip",
    "Alexis", "Louis", "Lori", "Priya", "Wei", "Ahmed", "Fatima", "Carlos", "Lucia", "Hiroshi", "Mei",
    "Ivan", "Olga", "Kwame", "Amara", "Rahul", "Anika", "Mateo", "Sofia", "Omar", "Leila", "Chen", "Yuki",
)

SURNAMES = (
    "Abbott", "Acosta", "Aldridge", "Ashby", "Bancroft", "Barlow", "Beckett", "Bellamy", "Blackwood",
    "Bramley", "Brennan", "Calloway", "Carrington", "Castell", "Chandler", "Colville", "Crane", "Dalton",
    "Delacroix", "Donnelly", "Draper", "Dunmore", "Ellery", "Emsworth", "Fairbanks", "Farrow", "Fenwick",
    "Fletcher", "Galloway", "Garrick", "Gilmore", "Grayson", "Hadley", "Halvorsen", "Hargrove", "Hawthorne",
    "Holloway", "Huxley", "Ingram", "Jarvis", "Kellerman", "Kingsley", "Lancaster", "Langford", "Larkin",
    "Lockwood", "Lowell", "Maddox", "Marchetti", "Merriweather", "Milburn", "Moreland", "Nakamura",
    "Navarro", "Norwood", "Oakley", "Okafor", "Ortega", "Pemberton", "Prescott", "Quinlan", "Radcliffe",
    "Ramsey", "Redfield", "Rinaldi", "Rowntree", "Sandoval", "Sayers", "Sherwood", "Sinclair", "Stanhope",
    "Stroud", "Sutcliffe", "Tambling", "Thackeray", "Thornbury", "Underhill", "Valdez", "Vance", "Varga",
    "Wakefield", "Waverly", "Westbrook", "Whitlock", "Winslow", "Yardley", "Yoshida", "Zamora", "Zeller",
    "Albright", "Bhatt", "Castillo", "Demir", "Eriksen", "Fischer", "Gupta", "Horvath", "Iyer", "Jensen",
    "Kowalski", "Lindqvist", "Moreau", "Novak", "Osei", "Petrov", "Quintero", "Rossi", "Schreiber", "Tanaka",
    "Ueda", "Vasquez", "Weber", "Xu", "Yilmaz", "Zhou",
)

# Kept as they are inside name spans.
NAME_TITLES = frozenset(
    "dr mr mrs ms miss mx prof md do rn np pa pharmd phd dds lpn cna jr sr ii iii iv".split())

PROFESSIONS = (
    "carpenter", "teacher", "bus driver", "electrician", "accountant", "plumber", "librarian", "chef",
    "mechanic", "farmer", "cashier", "engineer", "painter", "welder", "bookkeeper", "firefighter",
    "postal worker", "truck driver", "hairdresser", "software developer", "architect", "baker",
    "janitor", "police officer", "retail manager", "graphic designer", "machinist", "real estate agent",
)

HOSPITALS = (
    "Maple Ridge Medical Center", "Harborview Regional Hospital", "St. Aurelia Hospital",
    "Cedar Valley Clinic", "Northgate Community Hospital", "Willow Creek Rehabilitation Center",
    "Lakeshore General Hospital", "Pinecrest Nursing Home", "Brookfield Memorial Hospital",
    "Silver Birch Health Center", "Eastbrook Medical Center", "Fairhaven Hospital",
)

ORGANIZATIONS = (
    "Northwind Logistics", "Bluestone Credit Union", "Greenfield Elementary School", "Harbor Light Church",
    "Summit Tool Works", "Riverside Community College", "Oakmont Insurance", "Brightline Foods",
    "Ironwood Manufacturing", "Meadowbrook Library", "Crescent Textiles", "Pioneer Freight",
)

CITIES = (
    "Millbrook", "Ashford", "Clearwater Falls", "Dunmore", "Elmsford", "Fairview", "Glenwood", "Hollis",
    "Kingsport", "Lakeview", "Marlow", "Northfield", "Oakdale", "Pinehurst", "Riverton", "Stonebridge",
    "Thornton", "Westhaven", "Brookside", "Cedar Bluff",
)

STATES = (
    ("Alabama", "AL"), ("Arizona", "AZ"), ("Colorado", "CO"), ("Delaware", "DE"), ("Georgia", "GA"),
    ("Idaho", "ID"), ("Iowa", "IA"), ("Kansas", "KS"), ("Kentucky", "KY"), ("Maine", "ME"),
    ("Minnesota", "MN"), ("Montana", "MT"), ("Nebraska", "NE"), ("Nevada", "NV"), ("Ohio", "OH"),
    ("Oregon", "OR"), ("Tennessee", "TN"), ("Utah", "UT"), ("Vermont", "VT"), ("Wyoming", "WY"),
)

COUNTRIES = (
    "Portugal", "Norway", "Chile", "Kenya", "Vietnam", "Poland", "Ireland", "Morocco", "Peru", "Finland",
    "New Zealand", "Ghana", "Uruguay", "Austria", "Malaysia", "Iceland",
)

STREETS = (
    "Maple Avenue", "Oak Street", "Birchwood Lane", "Harbor Road", "Willow Drive", "Juniper Court",
    "Aspen Way", "Chestnut Boulevard", "Larkspur Place", "Sycamore Terrace", "Hawthorn Road", "Elmwood Drive",
)

PLACES = (
    "the North Ridge", "Silver Lake", "the Old Mill district", "Pine Hollow", "the East Bay", "Cedar Point",
    "Fox Run", "the Riverside park", "Blue Heron Marsh", "the Valley",
)

# Alphabetic words kept inside ID and contact spans ('MRN 123', 'fax 555-0100', 'x4432').
ID_KEYWORDS = frozenset(
    "mrn ssn dea npi acct account no num id sn serial plate fax tel ph phone pgr pager ext x cell mobile "
    "order specimen lic license bcbs member".split())
