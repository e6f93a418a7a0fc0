"""Data updates (データ更新), shown only when enabled; the screen is described in dashboard.views.admin."""

from dashboard.views import admin, shell

shell.run_page(admin.render)
