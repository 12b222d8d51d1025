package dev.backline.plugin.api.services;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the events of a subscription, one at a time.
 *
 * @since 1.4
 */
@ConsumerType
@FunctionalInterface
public interface EventsServiceEventHandler {

    /** Handles one event; what it throws is logged and the next event still comes. */
    void onEvent(EventParams event) throws Exception;
}
