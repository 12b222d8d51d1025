/**
 * The database service itself: per-plugin pools, PostgreSQL database and schema creation, Flyway
 * migrations and error messages. Free of the OSGi framework (it only uses the JDBC service interface), so
 * it is tested with plain JUnit against H2 and the real PostgreSQL.
 */
package dev.backline.database.core;
