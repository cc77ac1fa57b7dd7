"""Every sentence of the client data report, marked for the catalogs (``rights.po``).

Written to be read by the client, not by a lawyer: short sentences, "we" and "you", the
article numbers in brackets for whoever wants them. The Estonian and Russian texts are the
salon's voice in those languages, not word-for-word translations.
"""

from __future__ import annotations

from salon_desktop.i18n import N_

TITLE = N_("Client data report")
GREETING = N_("Dear {first_name},")
INTRO = N_("you asked which personal data we keep about you. This report holds all of it: "
           "your details, visits and bookings, consents, what we use the data for, who "
           "receives it, how long we keep it, and your rights. If anything is wrong or "
           "missing, or you would like something changed or erased, just tell us — at the "
           "desk, by phone or by e-mail.")
CONTROLLER = N_("Controller of your personal data")
REGISTRY = N_("Registry code {code}")
REPORT_DATE = N_("Date of this report")
PREPARED_BY = N_("Prepared by")
PREPARED_BY_VALUE = N_("{role} of the salon")
PROGRAM = N_("the program itself")
CLOSING = N_("Thank you for your trust.")
FOOTER_PAGE = N_("Page {page} of {pages}")
NOT_RECORDED = N_("not recorded")

S_DETAILS = N_("Your details")
NAME = N_("Name")
PHONE = N_("Phone")
EMAIL = N_("E-mail")
ADDRESS = N_("Address")
BIRTH_DATE = N_("Date of birth")
LANGUAGE = N_("Preferred language")
PREFERENCES = N_("Preferences")
FAVOURITE = N_("Favourite stylist")
NOTES_ABOUT = N_("Notes about you")
CLIENT_SINCE = N_("Client since")
LAST_CHANGED = N_("Last changed")
RESTRICTED = N_("Restriction of processing")
RESTRICTED_NOTE = N_("In force: as you asked, we keep your data but do not use it "
                     "otherwise.")
OBJECTING = N_("Objection to marketing")
OBJECTING_NOTE = N_("In force: you receive no marketing from us.")

S_HEALTH = N_("Health data")
HEALTH_CONSENT = N_("Your consent to keep health data")
CONSENT_GIVEN = N_("given")
CONSENT_NOT_GIVEN = N_("not given or withdrawn")
ALLERGIES = N_("Allergies")
CONTRAINDICATIONS = N_("Contraindications")
PATCH_TESTS = N_("Patch tests")
APPLIED = N_("Applied")
PRODUCT = N_("Product and shade")
RESULT = N_("Result")
VALID_UNTIL = N_("Valid until")
TESTED_BY = N_("Tested by")
NO_HEALTH = N_("We keep no health data about you.")
RESULT_LABELS = {
    "pending": N_("waiting for the reading"),
    "negative": N_("no reaction"),
    "positive": N_("reaction"),
}

S_VISITS = N_("Visits")
DATE = N_("Date")
SERVICES = N_("Services")
STYLIST = N_("Stylist")
PRICE = N_("Price")
FORMULA = N_("Colour formula")
VISIT_NOTES = N_("Notes")
NO_VISITS = N_("No visits are recorded.")
VISITS_COUNT = N_("Visits recorded: {count}")

S_BOOKINGS = N_("Bookings")
TIME = N_("Time")
SERVICE = N_("Service")
STATUS = N_("Status")
NO_BOOKINGS = N_("No bookings are recorded.")

S_CONSENTS = N_("Consents")
PURPOSE = N_("Purpose")
YOUR_CHOICE = N_("Your choice")
SINCE = N_("Since")
STATE_GIVEN = N_("Agreed")
STATE_WITHDRAWN = N_("Not agreed")
STATE_NONE = N_("Not asked")
CONSENT_HISTORY = N_("History of your consents")
EVENT = N_("Event")
HOW = N_("How")
WORDING = N_("Wording")
WORDING_VERSION = N_("version {version} ({language})")
NO_CONSENTS = N_("No consents are recorded.")
WITHDRAW_NOTE = N_("You may withdraw any consent at any time, as easily as you gave it; this "
                   "does not affect what was done before.")

S_REQUESTS = N_("Your data protection requests")
REQUEST = N_("Request")
RECEIVED = N_("Received")
ANSWER_DUE = N_("Answer due")

S_PURPOSES = N_("Why we use your data")
DATA = N_("Data")
LEGAL_BASIS = N_("Legal basis")
KEPT = N_("How long we keep it")

S_RECIPIENTS = N_("Who receives your data")
NO_RECIPIENTS = N_("We do not pass your data to anyone.")

S_SOURCE = N_("Where your data comes from")
S_AUTOMATED = N_("Automated decisions")

S_RIGHTS = N_("Your rights")
RIGHTS: tuple[tuple[str, str], ...] = (
    (N_("Access"), N_("You may ask for this report at any time, free of charge "
                      "(GDPR Art. 15).")),
    (N_("Rectification"), N_("Tell us if something is wrong or missing, and we will "
                             "correct it (Art. 16).")),
    (N_("Erasure"), N_("You may ask us to erase your data. Records the law requires us to "
                       "keep (accounting) stay without your name until their period ends "
                       "(Art. 17).")),
    (N_("Restriction"), N_("You may ask us to restrict the use of your data, for example "
                           "while we check whether it is correct (Art. 18).")),
    (N_("Objection"), N_("You may object to processing based on our legitimate interests, "
                         "and to marketing at any time (Art. 21).")),
    (N_("Portability"), N_("You may receive your data in a machine-readable file, or have "
                           "it sent to another service provider (Art. 20).")),
    (N_("Withdrawing consent"), N_("You may withdraw a consent at any time (Art. 7(3)).")),
)
ANSWER_TIME = N_("We answer within one month. If a request is complex, we may extend this by "
                 "two months and will tell you why within the first month. Using your rights "
                 "is free of charge.")
CONTACT_US = N_("To use any of these rights, talk to us at the desk or contact us:")
COMPLAINT = N_("If you believe we process your data unlawfully, you may complain to the "
               "supervisory authority:")
COURT = N_("You may also go to court.")

S_HISTORY = N_("What has been done with your data")
HISTORY_INTRO = N_("Our program records each time your data is opened or changed: when, what "
                   "was done and the role of the staff member — not their name.")
WHAT = N_("What was done")
BY = N_("By")
TIMES = N_("Times")
NO_HISTORY = N_("Nothing is recorded yet.")
