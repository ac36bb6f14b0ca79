-- Every write transaction on a DuckLake touches the one lake_head row: two writers that began on
-- the same snapshot then conflict at commit and the later one is retried (service/store/db.py).
UPDATE lake_head SET writes = writes + 1
