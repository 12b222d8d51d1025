-- The events plugin's table of events shared between instances (PostgreSQL only). Each instance writes what its
-- plugins publish; the trigger tells every listening instance the new event's event_id on channel backline_events,
-- and each reads the events of the others. Rows older than events.retention are deleted.
CREATE TABLE backline_events__events (
    id BIGSERIAL PRIMARY KEY,
    event_id VARCHAR(64) NOT NULL UNIQUE,
    topic TEXT NOT NULL,
    payload TEXT NOT NULL,
    metadata TEXT NOT NULL,
    origin TEXT NOT NULL,
    plugin_id TEXT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

CREATE INDEX backline_events__events_created_at ON backline_events__events (created_at);

CREATE FUNCTION backline_events__notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('backline_events', NEW.event_id);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER backline_events__notify AFTER INSERT ON backline_events__events
    FOR EACH ROW EXECUTE PROCEDURE backline_events__notify();
