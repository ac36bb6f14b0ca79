-- Places to offer on the home page: every place a current figure of $metric is in, and every
-- unit above it (a state whose townships have figures), with how many figures each covers.
WITH f AS (
    SELECT place_path FROM figures_current WHERE metric = $metric AND place_path IS NOT NULL
),
codes AS (
    SELECT unnest(string_split(trim(place_path, '/'), '/')) AS code FROM f
)
SELECT p.code, p.name, p.level, count(*) AS figures
FROM codes
JOIN places AS p USING (code)
GROUP BY p.code, p.name, p.level
ORDER BY CASE p.level WHEN 'country' THEN 0 WHEN 'admin1' THEN 1 WHEN 'district' THEN 2
                      WHEN 'township' THEN 3 ELSE 4 END, p.name
LIMIT 500;
