"""Query services behind the API and charts: figures, series, articles, places. No HTTP here."""
