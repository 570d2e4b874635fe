-- created by the chart
CREATE EXTENSION IF NOT EXISTS pgcrypto;
