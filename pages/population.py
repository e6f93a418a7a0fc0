"""Population outlook (人口推計); the screen is described in dashboard.views.population."""

from dashboard.views import population, shell

shell.run_page(population.render)
