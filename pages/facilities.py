"""Facility optimization (公共施設の最適化); the screen is described in dashboard.views.facilities."""

from dashboard.views import facilities, shell

shell.run_page(facilities.render)
