/**
 * {@code core.scheduler} in plain Java, on Quartz: global tasks in a clustered JDBC job store in each plugin's
 * database, local tasks in memory, Backstage's scheduler routes.
 */
package dev.backline.scheduler.core;
