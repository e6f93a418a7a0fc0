"""Staff survey (職員アンケート); the screen is described in dashboard.views.survey."""

from dashboard.views import shell, survey

shell.run_page(survey.render)
