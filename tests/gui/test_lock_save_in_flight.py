"""What the lock reads of a Save that was on the worker when the screen locked
(``ui/lock/drafts.SaveInFlight``): the whole flows are in test_lock_saving.py."""

from __future__ import annotations

import pytest

from ui.lock.drafts import SaveInFlight, Unsaved


def test_save_in_flight_records_what_the_save_did() -> None:
    """Written on the worker: stored → no draft; an error, an answer that stored nothing, a
    check that breaks, or a save that has not run → the draft is kept."""
    stored = SaveInFlight()
    assert stored.wrap(lambda: 7)() == 7 and stored.saved is True
    assert not Unsaved("client", "client:new", {}, stored).still_unsaved()

    refused = SaveInFlight()
    with pytest.raises(ValueError):
        refused.wrap(lambda: int("x"))()
    not_written = SaveInFlight()
    not_written.wrap(lambda: None, stored=lambda result: result is not None)()
    broken = SaveInFlight()
    broken.wrap(lambda: None, stored=lambda result: result.client_id is not None)()
    for outcome in (refused, not_written, broken, SaveInFlight()):
        assert outcome.saved is not True
        assert Unsaved("client", "client:new", {}, outcome).still_unsaved()
    assert Unsaved("client", "client:new", {}).still_unsaved()  # no save at all
