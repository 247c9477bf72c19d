"""Default settings. No secrets here: the secret key is generated into ``instance/``.

Order of precedence (later wins): these defaults, ``instance/config.py``, environment
(``DATABASE_URL``, ``SECRET_KEY``, any other setting as ``RECRUITER_<NAME>``), then the
``test_config`` handed to :func:`recruiter.create_app`.
"""

# SQLALCHEMY_DATABASE_URI defaults to instance/reliant.db; set in create_app because it
# needs the instance path.
# pool_pre_ping is added for a database server (recruiter.register_config), not for SQLite.
SQLALCHEMY_ENGINE_OPTIONS: dict = {}
SQLALCHEMY_RECORD_QUERIES = False

# Bootstrap 5 CSS and JS are served by the app itself, never from a CDN.
BOOTSTRAP_SERVE_LOCAL = True
BOOTSTRAP_BOOTSWATCH_THEME = None

WTF_CSRF_TIME_LIMIT = None  # tokens live as long as the session

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
REMEMBER_COOKIE_HTTPONLY = True
REMEMBER_COOKIE_SAMESITE = "Lax"

# Uploads (photos, LinkedIn archives) are refused past this size with a clear message.
MAX_CONTENT_LENGTH = 20 * 1024 * 1024

# Rows per page of the web lists (the API takes ?per_page=, 1 to 100, default 25).
PER_PAGE = 25

# SQLite: how long a writer waits for a lock before giving up (milliseconds).
SQLITE_BUSY_TIMEOUT_MS = 5000

# Throttling (recruiter/services/throttle.py): after this many failed attempts within the
# window, per account and per client address, logins, /setup, the password form and API tokens
# answer 429 with Retry-After until the oldest failure leaves the window.
LOGIN_MAX_FAILURES = 10
LOGIN_WINDOW_SECONDS = 900

# Behind a reverse proxy every request comes from the proxy's address: set this to the number
# of proxies that add X-Forwarded-For (usually 1), so the throttle sees the client's address.
# Leave it at 0 when clients connect directly (a client could otherwise forge the header).
PROXY_FIX_X_FOR = 0

# Default time zone for new recruiter accounts.
DEFAULT_TIME_ZONE = "UTC"

# The ghost rule and the fake-profile check (recruiter/services/ghost_rule.py), e.g.
# {"silence_days": 10, "min_follow_ups": 3}; fractions allowed ({"silence_days": 0.5}).
GHOST_SETTINGS: dict = {}

# Reminders (recruiter/services/reminder_rules.py, ReminderSettings): override the cadence, e.g.
# {"request_confirmation_hours": 72, "work_start": "09:00", "work_days": [0, 1, 2, 3, 4]}.
REMINDERS: dict = {}

# E-mail digests of due reminders, sent by the scheduler when MAIL_SERVER is set
# (RECRUITER_MAIL_SERVER=smtp.example.com, RECRUITER_MAIL_PORT=587, ...).
MAIL_SERVER: str | None = None
MAIL_PORT = 25
MAIL_USERNAME: str | None = None
MAIL_PASSWORD: str | None = None  # put it in instance/config.py or the environment
MAIL_USE_TLS = False  # STARTTLS (port 587)
MAIL_USE_SSL = False  # TLS from the start (port 465)
MAIL_FROM = "reliant@localhost"
MAIL_BASE_URL: str | None = None  # https://reliant.example.com: a link in the digest

# `flask --app app serve`: gunicorn's worker processes and threads per worker (one machine:
# 2 x 4 serves a team), and how often a crashing child is restarted before serve gives up.
SERVE_WORKERS = 2
SERVE_THREADS = 4
SERVE_MAX_RESTARTS = 5
SERVE_RESTART_WINDOW_SECONDS = 120

# `flask --app app scheduler --wait` (as serve runs it): how often a standing-by scheduler tries
# to take the lock from another one.
SCHEDULER_STANDBY_SECONDS = 10

# Imports run in the background (recruiter/import_worker.py): the web process that takes an
# upload runs the queue in one thread started on its first upload; the scheduler also picks
# up queued imports every few seconds. False: only the scheduler runs them.
IMPORTS_RUN_IN_WEB = True
