"""The web pages (server-rendered HTML) and their static assets, plotly.js included."""
