"""humstat: humanitarian statistics from news articles."""
