"""Nothing left on screen for the next client: the lock screen and what drives it.

``manager.LockManager`` (owned by the controller) locks on the idle timeout (``idle``), on
Ctrl+L / the toolbar button, and when the operating system locks the session or goes to
sleep (``session_watch``). Locking keeps unsaved edits as drafts (``drafts``), puts every
window, dialog, menu and tooltip away without asking anything (``shield``), shows the lock
screen (``screen``) and drops sensitive clipboard copies (``clipboard``). See docs/lock.md.
"""
