-- An acknowledgement (确认) may name the deviation explanation (偏差原因分析) of the alert's project that answers it.
ALTER TABLE alert ADD COLUMN ack_explanation_id TEXT;
