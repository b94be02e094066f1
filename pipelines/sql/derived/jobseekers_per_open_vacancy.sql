-- jobseekers_per_open_vacancy (tension): unemployed job seekers (VDAB NWWZ, annual average) per
-- open VDAB vacancy (stock, reference moment unverified), per municipality and year, place of
-- residence over place of work. Only where both are present and open vacancies > 0.
INSERT INTO observations (indicator_id, geo_code, period, ref_date, breakdown, breakdown_value, value, status, source_id)
SELECT 'jobseekers_per_open_vacancy', s.geo_code, s.period, s.ref_date, 'total', 'total',
       s.value / v.value, NULL, 'derived'
FROM observations s
JOIN observations v
  ON v.geo_code = s.geo_code AND v.period = s.period
 AND v.indicator_id = 'vacancies_open' AND v.breakdown = 'total'
WHERE s.indicator_id = 'jobseekers_nwwz' AND s.breakdown = 'total'
  AND s.value IS NOT NULL AND v.value > 0;
