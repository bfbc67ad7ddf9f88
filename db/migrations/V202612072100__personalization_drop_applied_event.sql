-- Why: the pipeline's stages write in the relay's transaction, which also deletes the events' outbox rows; that deletion
-- is the record that an event was applied (docs/pipeline.md), so no stage reads or writes these marks any more.
DROP TABLE personalization.applied_event;
