"""Staff survey (職員アンケート); the screen is described in dashboard.views.survey."""

from dashboard.views import survey, shell

shell.run_page(survey.render)
