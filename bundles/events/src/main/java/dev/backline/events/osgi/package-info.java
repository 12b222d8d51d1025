/** The OSGi side of the events service: the Event Admin bus, the factory as a service, the {@code events} plugin. */
package dev.backline.events.osgi;
