"""Charts: one series, many forms (Plotly JSON, embeddable HTML, PNG/SVG, CSV, metadata).

Data flow: service.query.series -> ChartData (series + the reports behind it) -> a Plotly
figure dict -> JSON, an HTML page, or an image through the long-lived kaleido renderer.
"""
