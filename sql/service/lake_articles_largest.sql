-- The rows of the largest articles partition (publication month, as in lake_articles_parts.sql):
-- service/store/lake.py splits every partition into enough chunks that this one has about
-- CHUNKED["articles"] rows a chunk.
SELECT max(n) FROM (SELECT count(*) AS n FROM articles GROUP BY strftime(published, '%Y-%m'))
