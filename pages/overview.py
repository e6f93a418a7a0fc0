"""Overview (概要): the reform at a glance; the screen is described in dashboard.views.overview."""

from dashboard.views import overview, shell

shell.run_page(overview.render)
