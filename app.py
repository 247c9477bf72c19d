import sys

from recruiter import create_app
from recruiter.settings import SettingsError

try:
    app = create_app()
except SettingsError as exc:  # a bad setting: say which, without a traceback
    sys.exit(f"Reliant cannot start: {exc}")
