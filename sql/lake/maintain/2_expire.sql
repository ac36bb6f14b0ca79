-- DuckLake snapshots older than $older_than end: no time travel to them (humstat's own versions
-- and as_of_version read version_from/version_to, never DuckLake snapshots), and the files only
-- they referenced are scheduled for deletion.
SELECT count(*) FROM ducklake_expire_snapshots('lake', older_than => now() - CAST($older_than AS INTERVAL))
