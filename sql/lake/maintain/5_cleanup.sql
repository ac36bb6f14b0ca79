-- Files scheduled for deletion more than $older_than ago deleted for good (a reader that began
-- before may still scan them until then).
SELECT count(*) FROM ducklake_cleanup_old_files('lake', older_than => now() - CAST($older_than AS INTERVAL))
