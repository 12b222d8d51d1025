package dev.backline.database.settings;

import java.nio.file.Path;

/** The concrete database a plugin uses. */
public sealed interface DatabaseTarget {

    /** Says where, for logs and error messages; never contains a password. */
    String describe();

    /** An embedded H2 database: in memory when {@code file} is null, else the file (without {@code .mv.db}). */
    record H2(String pluginId, Path file) implements DatabaseTarget {
        public boolean inMemory() {
            return file == null;
        }

        @Override
        public String describe() {
            return inMemory() ? "embedded H2 database in memory" : "embedded H2 database at " + file + ".mv.db";
        }
    }

    /**
     * A PostgreSQL database, and in schema mode a schema in it. {@code database} is null when schema mode
     * leaves it to the server's default (the user's name).
     */
    record Pg(PgConnection connection, String database, String schema) implements DatabaseTarget {
        public String databaseOrDefault() {
            return database != null ? database : connection.user();
        }

        @Override
        public String describe() {
            return "PostgreSQL at " + connection.address() + ", database '" + databaseOrDefault() + "'"
                    + (schema == null ? "" : ", schema '" + schema + "'") + ", user '" + connection.user() + "'";
        }
    }
}
