"""Web forms: fields, validators and choices. No writes: views hand the data to services."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from recruiter.models import (
    CANDIDATE_FIELDS,
    CHANNELS,
    CONNECTION_STATUSES,
    DIRECTIONS,
    EVENT_ACTORS,
)


class LocalDateTimeField(DateTimeLocalField):
    """A ``datetime-local`` input in the recruiter's zone, rendered as ``YYYY-MM-DDTHH:MM``."""

    FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("format", list(self.FORMATS))
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


def options(pairs: object) -> list[SelectChoice]:
    """``(value, label)`` pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]  # type: ignore[attr-defined]


STATUS_LABELS = {
    "none": "Not connected",
    "pending_incoming": "Asked to connect (incoming)",
    "pending_outgoing": "Request sent (outgoing)",
    "connected": "Connected",
    "removed": "Removed",
}
CHANNEL_LABELS = {
    "call": "Call",
    "text": "Text",
    "email": "Email",
    "message": "Message",
    "voicemail": "Voicemail",
}
EVENT_LABELS = {
    "confirmation_requested": "Confirmation requested",
    "confirmed": "Confirmed",
    "declined": "Declined",
    "cancelled": "Cancelled",
    "rescheduled": "Rescheduled",
    "attended": "Attended",
    "no_show": "No-show",
    "explained": "Explained (after missing)",
}


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Email()])
    password = PasswordField("Password", validators=[DataRequired()])
    remember = BooleanField("Keep me signed in")
    submit = SubmitField("Log in")


class SetupForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired(), Length(max=200)])
    email = EmailField("Email", validators=[DataRequired(), Email()])
    # The password rule (length, common passwords, the e-mail's name) is the accounts service's.
    password = PasswordField("Password", validators=[DataRequired()])
    confirm = PasswordField(
        "Repeat the password", validators=[DataRequired(), EqualTo("password", "Does not match.")]
    )
    time_zone = SelectField("Time zone", default="UTC")
    submit = SubmitField("Create my account")


class SettingsForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    time_zone = SelectField("Time zone")
    submit = SubmitField("Save")


class PasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired()])
    new_password = PasswordField(
        "New password",
        validators=[DataRequired()],
        description="At least 12 characters; not a common password or your e-mail's name.",
    )
    confirm = PasswordField(
        "Repeat the new password",
        validators=[DataRequired(), EqualTo("new_password", "Does not match.")],
    )
    submit = SubmitField("Change password")


class TokenForm(FlaskForm):
    name = StringField("Token name", validators=[Optional(), Length(max=100)])
    submit = SubmitField("Create token")


class CandidateForm(FlaskForm):
    full_name = StringField("Full name", validators=[DataRequired(), Length(max=200)])
    email = EmailField("Email", validators=[Optional(), Email(), Length(max=254)])
    phone = StringField("Phone", validators=[Optional(), Length(max=50)])
    profile_url = URLField("Profile URL", validators=[Optional(), Length(max=500)])
    company = StringField("Current company", validators=[Optional(), Length(max=200)])
    title = StringField("Title", validators=[Optional(), Length(max=200)])
    location = StringField("Location", validators=[Optional(), Length(max=200)])
    connection_status = SelectField(
        "Connection",
        choices=options((s, STATUS_LABELS[s]) for s in CONNECTION_STATUSES),
        default="none",
    )
    connected_on = DateField("Connected on", validators=[Optional()])
    mutual_connections = IntegerField(
        "Mutual connections", validators=[Optional(), NumberRange(min=0, max=1_000_000)]
    )
    photo = FileField(
        "Profile photo",
        validators=[Optional(), FileAllowed(["jpg", "jpeg", "png", "gif", "webp"], "Images only.")],
    )
    notes = TextAreaField("Notes", validators=[Optional()])
    submit = SubmitField("Save candidate")

    SERVICE_FIELDS = CANDIDATE_FIELDS


class RecommendationForm(FlaskForm):
    recommender_name = StringField("Who vouched", validators=[DataRequired(), Length(max=200)])
    recommender_role = StringField("Their role", validators=[Optional(), Length(max=200)])
    relationship = StringField(
        "Relationship to the candidate", validators=[Optional(), Length(max=100)]
    )
    submit = SubmitField("Add recommendation")


class ClientForm(FlaskForm):
    name = StringField("Company name", validators=[DataRequired(), Length(max=200)])
    contact_name = StringField("Contact person", validators=[Optional(), Length(max=200)])
    contact_email = EmailField("Contact email", validators=[Optional(), Email()])
    notes = TextAreaField("Notes", validators=[Optional()])
    submit = SubmitField("Save client")


class InterviewForm(FlaskForm):
    candidate_id = SelectField("Candidate", coerce=int, validators=[InputRequired()])
    client_id = SelectField("Client", coerce=int, default=0)
    role = StringField("Role", validators=[Optional(), Length(max=200)])
    scheduled_at = LocalDateTimeField("Starts at", validators=[InputRequired()])
    duration_minutes = IntegerField(
        "Duration (minutes)", default=60, validators=[InputRequired(), NumberRange(1, 1440)]
    )
    submit = SubmitField("Save interview")


class EventForm(FlaskForm):
    type = SelectField("What happened", choices=options(EVENT_LABELS.items()))
    at = LocalDateTimeField("When (blank = now)", validators=[Optional()])
    by = SelectField(
        "By",
        choices=options([("", "—")] + [(a, a.capitalize()) for a in EVENT_ACTORS]),
        default="",
        validators=[Optional()],
    )
    reason = StringField("Reason", validators=[Optional(), Length(max=1000)])
    new_scheduled_at = LocalDateTimeField("New start (reschedule)", validators=[Optional()])
    submit = SubmitField("Log it")


class RetractForm(FlaskForm):
    """Undo a logged event: it stays in the log, marked retracted with the reason."""

    reason = StringField(
        "Why undo it?", validators=[InputRequired(), Length(max=1000)], default="Logged by mistake"
    )
    submit = SubmitField("Undo")


class OutreachForm(FlaskForm):
    candidate_id = SelectField("Candidate", coerce=int, validators=[InputRequired()])
    interview_id = SelectField("About interview", coerce=int, default=0)
    channel = SelectField("Channel", choices=options((c, CHANNEL_LABELS[c]) for c in CHANNELS))
    direction = SelectField(
        "Direction",
        choices=options(
            (d, "I reached out" if d == "outbound" else "They reached out") for d in DIRECTIONS
        ),
        default="outbound",
    )
    sent_at = LocalDateTimeField("When (blank = now)", validators=[Optional()])
    responded_at = LocalDateTimeField("They answered at", validators=[Optional()])
    note = TextAreaField("Note", validators=[Optional(), Length(max=2000)])
    submit = SubmitField("Log outreach")


class QuickForm(FlaskForm):
    """One-click actions: the action is the button, the time optional (blank = now)."""

    action = HiddenField()
    at = LocalDateTimeField("When (blank = now)", validators=[Optional()])


class ResponseForm(FlaskForm):
    responded_at = LocalDateTimeField("Answered at (blank = now)", validators=[Optional()])
    submit = SubmitField("They answered")


class DeleteForm(FlaskForm):
    submit = SubmitField("Delete")


SIGNAL_LABELS = {
    "connection_request": "Asked to connect",
    "new_position": "Announced a new position",
}


class SuggestionForm(FlaskForm):
    """Accept (optional note), dismiss (the service requires the reason) or undo."""

    reason = StringField("Reason", validators=[Optional(), Length(max=1000)])


class SignalForm(FlaskForm):
    type = SelectField("What they did", choices=options(SIGNAL_LABELS.items()))
    at = LocalDateTimeField("When (blank = now)", validators=[Optional()])
    detail = StringField(
        "Detail (e.g. the new position)", validators=[Optional(), Length(max=2000)]
    )
    submit = SubmitField("Log it")
