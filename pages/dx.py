"""DX KPIs (DX指標); the screen is described in dashboard.views.dx."""

from dashboard.views import dx, shell

shell.run_page(dx.render)
