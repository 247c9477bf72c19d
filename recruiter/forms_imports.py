"""Forms for importing a LinkedIn export or a candidates CSV."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, StringField, SubmitField
from wtforms.validators import Length, Optional

SKIP_LABEL = "Skip bad rows: import the good rows and leave out the ones with problems"


class ImportForm(FlaskForm):
    file = FileField(
        "LinkedIn export (.zip) or one CSV file from it, or a Reliant candidates CSV",
        validators=[
            FileRequired("Choose a file to import."),
            FileAllowed(["zip", "csv"], "Upload a .zip or a .csv file."),
        ],
    )
    owner_profile_url = StringField(
        "Your own LinkedIn profile URL (only needed if Reliant cannot tell from the export)",
        validators=[Optional(), Length(max=500)],
    )
    skip_bad_rows = BooleanField(SKIP_LABEL)
    submit = SubmitField("Preview the import")


class ConfirmImportForm(FlaskForm):
    skip_bad_rows = BooleanField(SKIP_LABEL)
    submit = SubmitField("Import now")


class DiscardImportForm(FlaskForm):
    submit = SubmitField("Cancel and delete the upload")
