-- Daily sales per store and SKU for one business date.
--
-- Run by the aggregate_sales SHELL task, from its resource version (in the working directory):
--   canaanhive -f aggregate_sales.hql -d ${cal_dt} -E DB=ods -E TARGET_DB=dws
-- canaanhive replaces ${env.YYYYMMDD} with the -d date (dashed: 2026-11-23) and ${env.DB} /
-- ${env.TARGET_DB} with the -E values. Rows the quality gate rejects never count: only
-- completed orders with a positive quantity are summed.

CREATE TABLE IF NOT EXISTS ${env.TARGET_DB}.sales_daily (
  store        STRING,
  sku          STRING,
  orders       BIGINT,
  units        BIGINT,
  revenue      DECIMAL(12,2)
)
PARTITIONED BY (dt STRING);

INSERT OVERWRITE TABLE ${env.TARGET_DB}.sales_daily PARTITION (dt = '${env.YYYYMMDD}')
SELECT
  store,
  sku,
  COUNT(DISTINCT order_id)            AS orders,
  SUM(qty)                            AS units,
  CAST(SUM(qty * unit_price) AS DECIMAL(12,2)) AS revenue
FROM ${env.DB}.orders
WHERE dt = '${env.YYYYMMDD}'
  AND status = 'completed'
  AND qty > 0
  AND customer_id IS NOT NULL AND customer_id <> ''
GROUP BY store, sku;
