-- V3: an occurrence's place in its recurring series, and the index that finds a series.
ALTER TABLE bk_booking ADD COLUMN series_index integer;
CREATE INDEX bk_booking_series ON bk_booking (tenant_id, series_id);
