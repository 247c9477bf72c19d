"""Web forms: fields, validators and choices. No writes: views hand the data to services."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    BooleanField,
    DateField,
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
from wtforms.widgets import HiddenInput

from recruiter.forms_datetime import LocalDateTimeField
from recruiter.models import (
    CANDIDATE_FIELDS,
    MAX_ID,
    ApiToken,
    Candidate,
    Client,
    Interview,
    Recommendation,
    Recruiter,
)
from recruiter.vocab import (
    Actor,
    Channel,
    Clock,
    ConnectionStatus,
    Direction,
    EventType,
    SignalType,
)


def options(pairs: object) -> list[SelectChoice]:
    """``(value, label)`` pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]  # type: ignore[attr-defined]


def labelled(labels: dict) -> list[SelectChoice]:
    """A vocabulary's choices, in its order, each with its label."""
    return options((member.value, label) for member, label in labels.items())


def most(column: object) -> Length:
    """At most as many characters as the ``String(n)`` column holds (read from the column)."""
    return Length(max=column.type.length)  # type: ignore[attr-defined]


_candidate = Candidate.__table__.c

STATUS_LABELS = {
    ConnectionStatus.NONE: "Not connected",
    ConnectionStatus.PENDING_INCOMING: "Asked to connect (incoming)",
    ConnectionStatus.PENDING_OUTGOING: "Request sent (outgoing)",
    ConnectionStatus.CONNECTED: "Connected",
    ConnectionStatus.REMOVED: "Removed",
}
CHANNEL_LABELS = {
    Channel.CALL: "Call",
    Channel.TEXT: "Text",
    Channel.EMAIL: "Email",
    Channel.MESSAGE: "Message",
    Channel.VOICEMAIL: "Voicemail",
}
EVENT_LABELS = {
    EventType.CONFIRMATION_REQUESTED: "Confirmation requested",
    EventType.CONFIRMED: "Confirmed",
    EventType.DECLINED: "Declined",
    EventType.CANCELLED: "Cancelled",
    EventType.RESCHEDULED: "Rescheduled",
    EventType.ATTENDED: "Attended",
    EventType.NO_SHOW: "No-show",
    EventType.EXPLAINED: "Explained (after missing)",
}
DIRECTION_LABELS = {Direction.OUTBOUND: "I reached out", Direction.INBOUND: "They reached out"}
CLOCK_LABELS = {Clock.H24: "24-hour (14:30)", Clock.H12: "12-hour (2:30 PM)"}


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Email()])
    password = PasswordField("Password", validators=[DataRequired()])
    remember = BooleanField("Keep me signed in")
    submit = SubmitField("Log in")


class SetupForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired(), most(Recruiter.__table__.c.name)])
    email = EmailField("Email", validators=[DataRequired(), Email()])
    # The password rule (length, common passwords, the e-mail's name) is the accounts service's.
    password = PasswordField("Password", validators=[DataRequired()])
    confirm = PasswordField(
        "Repeat the password", validators=[DataRequired(), EqualTo("password", "Does not match.")]
    )
    time_zone = SelectField("Time zone", default="UTC")
    submit = SubmitField("Create my account")


ROLE_CHOICES = options([("member", "Member"), ("owner", "Owner")])


class JoinForm(SetupForm):
    """Joining a team from an invitation link: the new recruiter's own account, the same
    fields and rules as the first-run account."""

    submit = SubmitField("Join the team")


class InvitationForm(FlaskForm):
    email = EmailField(
        "Their e-mail (optional)",
        validators=[Optional(), Email()],
        description="The link then works for this address only, and is e-mailed to it when "
        "mail is set up.",
    )
    role = SelectField("Role", choices=ROLE_CHOICES)
    submit = SubmitField("Create an invitation link")


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=ROLE_CHOICES)
    submit = SubmitField("Change")


class SettingsForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), most(Recruiter.__table__.c.name)])
    time_zone = SelectField("Time zone")
    clock = SelectField(
        "Clock",
        choices=labelled(CLOCK_LABELS),
        default=Clock.H24.value,
        description="How times are shown and typed.",
    )
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
    name = StringField("Token name", validators=[Optional(), most(ApiToken.__table__.c.name)])
    submit = SubmitField("Create token")


class CandidateForm(FlaskForm):
    full_name = StringField("Full name", validators=[DataRequired(), most(_candidate.full_name)])
    email = EmailField("Email", validators=[Optional(), Email(), most(_candidate.email)])
    phone = StringField("Phone", validators=[Optional(), most(_candidate.phone)])
    profile_url = URLField("Profile URL", validators=[Optional(), most(_candidate.profile_url)])
    company = StringField("Current company", validators=[Optional(), most(_candidate.company)])
    title = StringField("Title", validators=[Optional(), most(_candidate.title)])
    location = StringField("Location", validators=[Optional(), most(_candidate.location)])
    connection_status = SelectField(
        "Connection", choices=labelled(STATUS_LABELS), default=ConnectionStatus.NONE.value
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
    # Set when the profile URL is another candidate's (the page links to them).
    existing_id: int | None = None


_recommendation = Recommendation.__table__.c


class RecommendationForm(FlaskForm):
    recommender_name = StringField(
        "Who vouched", validators=[DataRequired(), most(_recommendation.recommender_name)]
    )
    recommender_role = StringField(
        "Their role", validators=[Optional(), most(_recommendation.recommender_role)]
    )
    relationship = StringField(
        "Relationship to the candidate",
        validators=[Optional(), most(_recommendation.relationship)],
    )
    submit = SubmitField("Add recommendation")


_client = Client.__table__.c


class ClientForm(FlaskForm):
    name = StringField("Company name", validators=[DataRequired(), most(_client.name)])
    contact_name = StringField(
        "Contact person", validators=[Optional(), most(_client.contact_name)]
    )
    contact_email = EmailField(
        "Contact email", validators=[Optional(), Email(), most(_client.contact_email)]
    )
    notes = TextAreaField("Notes", validators=[Optional()])
    submit = SubmitField("Save client")


class InterviewForm(FlaskForm):
    candidate_id = SelectField("Candidate", coerce=int, validators=[InputRequired()])
    client_id = SelectField("Client", coerce=int, default=0)
    role = StringField("Role", validators=[Optional(), most(Interview.__table__.c.role)])
    scheduled_at = LocalDateTimeField("Starts at", validators=[InputRequired()])
    duration_minutes = IntegerField(
        "Duration (minutes)", default=60, validators=[InputRequired(), NumberRange(1, 1440)]
    )
    submit = SubmitField("Save interview")


class EventForm(FlaskForm):
    type = SelectField("What happened", choices=labelled(EVENT_LABELS))
    at = LocalDateTimeField("When (blank = now)", validators=[Optional()])
    by = SelectField(
        "By",
        choices=options([("", "—")] + [(a.value, a.value.capitalize()) for a in Actor]),
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
    channel = SelectField("Channel", choices=labelled(CHANNEL_LABELS))
    direction = SelectField(
        "Direction", choices=labelled(DIRECTION_LABELS), default=Direction.OUTBOUND.value
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


class MergeForm(FlaskForm):
    """Merge the candidate in the URL into ``into`` (kept), from the duplicate warning."""

    into = IntegerField(
        widget=HiddenInput(), validators=[InputRequired(), NumberRange(min=1, max=MAX_ID)]
    )


SIGNAL_LABELS = {
    SignalType.CONNECTION_REQUEST: "Asked to connect",
    SignalType.NEW_POSITION: "Announced a new position",
}


class SuggestionForm(FlaskForm):
    """Accept (optional note), dismiss (the service requires the reason) or undo."""

    reason = StringField("Reason", validators=[Optional(), Length(max=1000)])


class SignalForm(FlaskForm):
    type = SelectField("What they did", choices=labelled(SIGNAL_LABELS))
    at = LocalDateTimeField("When (blank = now)", validators=[Optional()])
    detail = StringField(
        "Detail (e.g. the new position)", validators=[Optional(), Length(max=2000)]
    )
    submit = SubmitField("Log it")
