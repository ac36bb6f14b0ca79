-- The duplicate check (sql/service/classify_articles.sql) looks incoming content hashes up in an
-- index instead of grouping every stored article by its hash on every write.
CREATE INDEX IF NOT EXISTS articles_hash_idx ON articles (content_hash);
