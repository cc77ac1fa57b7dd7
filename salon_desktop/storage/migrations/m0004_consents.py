"""Version 4: the consent ledger, the consent wordings and the Art. 18/21 client flags.

``consent_events`` and ``consent_wordings`` are append-only: triggers refuse UPDATE and
DELETE, so proof of a consent cannot be edited away and a wording, once shown to a client,
stays readable in exactly that form. The one sanctioned delete is the client's erasure
(Art. 17): ``consents_repo.erase_client`` marks the client in ``consent_erasure`` for the
length of its transaction, and only a marked client's events may be deleted.

Migration 3 kept the health consent as a yes/no on ``clients``; from now on the ledger is
the source of truth. ``after()`` turns each recorded yes/no into a ledger event (without a
wording: the one shown was never recorded), a trigger mirrors every later health event onto
those columns (the card code reads them), and a bridge trigger turns any direct write of
them into a ledger event, so no path can record a health consent the ledger does not hold.
"""

from __future__ import annotations

from datetime import UTC, datetime

from salon_desktop.storage.database import Database

_PURPOSES = "('email', 'sms', 'birthday', 'health', 'photos')"
_BASES = "('consent', 'existing_customer')"
_EXCEPTION_ONLY_FOR = "(legal_basis = 'consent' OR purpose IN ('email', 'sms'))"
_LATEST_HEALTH = ("(SELECT e.action = 'given' FROM consent_events e WHERE e.client_id = NEW.id "
                  "AND e.purpose = 'health' ORDER BY e.id DESC LIMIT 1)")

_BRIDGE_INSERT = (
    "INSERT INTO consent_events (client_id, purpose, action, legal_basis, method, recorded_at, "
    "recorded_by) VALUES (NEW.id, 'health', CASE WHEN NEW.health_consent THEN 'given' ELSE "
    "'withdrawn' END, 'consent', 'screen', coalesce(NEW.health_consent_at, "
    "strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')), NEW.health_consent_by)")

SQL = f"""
-- GDPR Art. 18 (restriction) and Art. 21(2) (objection to direct marketing): either keeps a
-- client off every marketing list, whatever the consents say.
ALTER TABLE clients ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1));
ALTER TABLE clients ADD COLUMN objecting INTEGER NOT NULL DEFAULT 0 CHECK (objecting IN (0, 1));

CREATE TABLE consent_wordings (
    purpose     TEXT NOT NULL CHECK (purpose IN {_PURPOSES}),
    legal_basis TEXT NOT NULL CHECK (legal_basis IN {_BASES}),
    language    TEXT NOT NULL CHECK (language IN ('et', 'ru', 'en')),
    version     INTEGER NOT NULL CHECK (version >= 1),
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
    created_at  TEXT NOT NULL,
    created_by  INTEGER REFERENCES staff(id),
    PRIMARY KEY (purpose, legal_basis, language, version),
    CHECK {_EXCEPTION_ONLY_FOR}
) WITHOUT ROWID;

CREATE TRIGGER consent_wordings_no_update BEFORE UPDATE ON consent_wordings
BEGIN
    SELECT RAISE(ABORT, 'consent wordings are append-only: add a new version');
END;

CREATE TRIGGER consent_wordings_no_delete BEFORE DELETE ON consent_wordings
BEGIN
    SELECT RAISE(ABORT, 'consent wordings are append-only: add a new version');
END;

-- The order of events is their id (recording order), not recorded_at: two events in the
-- same second still have a defined latest one.
CREATE TABLE consent_events (
    id               INTEGER PRIMARY KEY,
    client_id        INTEGER NOT NULL REFERENCES clients(id),
    purpose          TEXT NOT NULL CHECK (purpose IN {_PURPOSES}),
    action           TEXT NOT NULL CHECK (action IN ('given', 'withdrawn')),
    legal_basis      TEXT NOT NULL CHECK (legal_basis IN {_BASES}),
    wording_language TEXT,
    wording_version  INTEGER,
    method           TEXT NOT NULL
                     CHECK (method IN ('paper', 'desk', 'screen', 'phone', 'message')),
    recorded_at      TEXT NOT NULL,
    recorded_by      INTEGER REFERENCES staff(id),
    FOREIGN KEY (purpose, legal_basis, wording_language, wording_version)
        REFERENCES consent_wordings (purpose, legal_basis, language, version),
    CHECK ((wording_language IS NULL) = (wording_version IS NULL)),
    CHECK (action = 'withdrawn' OR method <> 'message'),
    CHECK {_EXCEPTION_ONLY_FOR}
);
CREATE INDEX consent_events_by_client ON consent_events(client_id, purpose, id);
CREATE INDEX consent_events_by_purpose ON consent_events(purpose, client_id, id);

-- Clients being erased (Art. 17), only inside the erasing transaction.
CREATE TABLE consent_erasure (client_id INTEGER PRIMARY KEY);

CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
BEGIN
    SELECT RAISE(ABORT, 'the consent ledger is append-only: record a new event');
END;

CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
WHEN OLD.client_id NOT IN (SELECT client_id FROM consent_erasure)
BEGIN
    SELECT RAISE(ABORT, 'the consent ledger is append-only: record a new event');
END;

-- clients.health_consent* (migration 3) mirror the latest health event, for reading only.
CREATE TRIGGER consent_events_mirror_health AFTER INSERT ON consent_events
WHEN NEW.purpose = 'health'
BEGIN
    UPDATE clients SET health_consent = (NEW.action = 'given'),
                       health_consent_at = NEW.recorded_at,
                       health_consent_by = NEW.recorded_by
    WHERE id = NEW.client_id;
END;

-- Until HealthService records the health consent through ConsentService, its direct write
-- of the yes/no becomes a ledger event too (wording unknown, method "screen"), so the
-- ledger stays complete; the mirror's own write matches the ledger and adds nothing.
CREATE TRIGGER clients_health_consent_to_ledger AFTER UPDATE OF health_consent ON clients
WHEN NEW.health_consent IS NOT NULL AND NEW.health_consent IS NOT {_LATEST_HEALTH}
BEGIN
    {_BRIDGE_INSERT};
END;

CREATE TRIGGER clients_health_consent_new AFTER INSERT ON clients
WHEN NEW.health_consent IS NOT NULL
BEGIN
    {_BRIDGE_INSERT};
END;
"""

# The salon's default texts (its data, editable as new versions; not catalog strings).
_EMAIL_NOTICE_OPT_OUT = {
    "et": "igal ajal salongis, telefoni teel või igas kirjas oleva lingi või vastuse kaudu",
    "ru": "в любое время в салоне, по телефону или через ссылку или ответ в любом письме",
    "en": "at any time at the salon, by phone or through the link or a reply in any message",
}
_SMS_NOTICE_OPT_OUT = {
    "et": "igal ajal salongis, telefoni teel või vastates mis tahes sõnumile",
    "ru": "в любое время в салоне, по телефону или ответив на любое сообщение",
    "en": "at any time at the salon, by phone or by replying to any message",
}
DEFAULT_WORDINGS: dict[tuple[str, str], dict[str, str]] = {
    ("email", "consent"): {
        "et": "Olen nõus, et salong saadab mulle e-posti teel pakkumisi ja uudiseid oma "
              "teenuste ja toodete kohta. Võin nõusoleku tagasi võtta "
              f"{_EMAIL_NOTICE_OPT_OUT['et']}.",
        "ru": "Я даю согласие на то, чтобы салон присылал мне по электронной почте "
              "предложения и новости о своих услугах и товарах. Я могу отозвать согласие "
              f"{_EMAIL_NOTICE_OPT_OUT['ru']}.",
        "en": "I agree that the salon may send me offers and news about its services and "
              f"products by e-mail. I can withdraw this consent {_EMAIL_NOTICE_OPT_OUT['en']}.",
    },
    ("sms", "consent"): {
        "et": "Olen nõus, et salong saadab mulle SMS-iga pakkumisi ja uudiseid oma teenuste "
              f"ja toodete kohta. Võin nõusoleku tagasi võtta {_SMS_NOTICE_OPT_OUT['et']}.",
        "ru": "Я даю согласие на то, чтобы салон присылал мне по SMS предложения и новости "
              "о своих услугах и товарах. Я могу отозвать согласие "
              f"{_SMS_NOTICE_OPT_OUT['ru']}.",
        "en": "I agree that the salon may send me offers and news about its services and "
              f"products by SMS. I can withdraw this consent {_SMS_NOTICE_OPT_OUT['en']}.",
    },
    ("birthday", "consent"): {
        "et": "Olen nõus, et salong kasutab minu sünnikuupäeva, et saata mulle e-posti või "
              "SMS-iga sünnipäevatervitus, mis võib sisaldada sünnipäevapakkumist.",
        "ru": "Я даю согласие на то, чтобы салон использовал мою дату рождения и поздравлял "
              "меня с днём рождения по электронной почте или SMS; поздравление может "
              "содержать праздничное предложение.",
        "en": "I agree that the salon may use my date of birth to send me a birthday "
              "greeting by e-mail or SMS, which may include a birthday offer.",
    },
    ("health", "consent"): {
        "et": "Annan selgesõnalise nõusoleku, et salong säilitab minu terviseandmeid "
              "(allergiad, naha tundlikkus, vastunäidustused ja allergiatestide tulemused), "
              "et osutada teenuseid ohutult. Andmeid näevad ainult töötajad, kes neid "
              "vajavad. Kui võtan nõusoleku tagasi, kustutab salong need andmed.",
        "ru": "Я даю явное согласие на то, чтобы салон хранил данные о моём здоровье "
              "(аллергии, чувствительность кожи, противопоказания и результаты "
              "аллергопроб) для безопасного оказания услуг. Эти данные видят только "
              "сотрудники, которым они нужны. Если я отзову согласие, салон удалит эти "
              "данные.",
        "en": "I explicitly agree that the salon keeps my health data (allergies, skin "
              "sensitivities, contraindications and patch test results) so that it can "
              "provide its services safely. Only the staff who need the data see it. If I "
              "withdraw this consent, the salon erases the data.",
    },
    ("photos", "consent"): {
        "et": "Olen nõus, et salong pildistab minu juukseid, küüsi või nahka enne ja pärast "
              "teenust ning hoiab fotosid minu kliendikaardil töö planeerimiseks ja "
              "dokumenteerimiseks. Fotosid ei avaldata ilma minu eraldi loata.",
        "ru": "Я даю согласие на то, чтобы салон фотографировал мои волосы, ногти или кожу "
              "до и после процедуры и хранил фото в моей карточке клиента для "
              "планирования и документирования работы. Фото не публикуются без моего "
              "отдельного разрешения.",
        "en": "I agree that the salon may take photos of my hair, nails or skin before and "
              "after a service and keep them with my client card to plan and document its "
              "work. The photos are not published without my separate permission.",
    },
    ("email", "existing_customer"): {
        "et": "Meie kliendina võite saada e-posti teel pakkumisi ja uudiseid meie sarnaste "
              "teenuste kohta. Kui te neid ei soovi, öelge meile kohe või "
              f"{_EMAIL_NOTICE_OPT_OUT['et']}.",
        "ru": "Как наш клиент, вы можете получать по электронной почте предложения и "
              "новости о наших аналогичных услугах. Если вы не хотите их получать, скажите "
              f"нам сейчас или {_EMAIL_NOTICE_OPT_OUT['ru']}.",
        "en": "As our client you may receive offers and news about our similar services by "
              "e-mail. If you do not want them, tell us now or "
              f"{_EMAIL_NOTICE_OPT_OUT['en']}.",
    },
    ("sms", "existing_customer"): {
        "et": "Meie kliendina võite saada SMS-iga pakkumisi ja uudiseid meie sarnaste "
              f"teenuste kohta. Kui te neid ei soovi, öelge meile kohe või "
              f"{_SMS_NOTICE_OPT_OUT['et']}.",
        "ru": "Как наш клиент, вы можете получать по SMS предложения и новости о наших "
              "аналогичных услугах. Если вы не хотите их получать, скажите нам сейчас или "
              f"{_SMS_NOTICE_OPT_OUT['ru']}.",
        "en": "As our client you may receive offers and news about our similar services by "
              f"SMS. If you do not want them, tell us now or {_SMS_NOTICE_OPT_OUT['en']}.",
    },
}


def after(db: Database) -> None:
    """Seed version 1 of every wording, then move migration 3's health yes/no into the
    ledger (the mirror trigger writes the same values back, which the guard allows)."""
    now = datetime.now(UTC).isoformat()
    db.executemany(
        "INSERT INTO consent_wordings (purpose, legal_basis, language, version, text, "
        "created_at, created_by) VALUES (?, ?, ?, 1, ?, ?, NULL)",
        [(purpose, basis, language, text, now)
         for (purpose, basis), texts in DEFAULT_WORDINGS.items()
         for language, text in texts.items()])
    rows = db.query("SELECT id, health_consent, health_consent_at, health_consent_by, "
                    "updated_at FROM clients WHERE health_consent IS NOT NULL ORDER BY "
                    "coalesce(health_consent_at, updated_at), id")
    db.executemany(
        "INSERT INTO consent_events (client_id, purpose, action, legal_basis, method, "
        "recorded_at, recorded_by) VALUES (?, 'health', ?, 'consent', 'desk', ?, ?)",
        [(r["id"], "given" if r["health_consent"] else "withdrawn",
          r["health_consent_at"] or r["updated_at"], r["health_consent_by"]) for r in rows])
