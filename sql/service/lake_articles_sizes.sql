-- The average rows of an articles partition (publication month, as in lake_articles_parts.sql):
-- service/store/lake.py splits every partition into enough chunks that an average one has at most
-- CHUNKED["articles"] rows a chunk.
SELECT avg(n) FROM (SELECT count(*) AS n FROM articles GROUP BY strftime(published, '%Y-%m'))
