/** The OSGi side of the scheduler: its factory as a service. */
package dev.backline.scheduler.osgi;
