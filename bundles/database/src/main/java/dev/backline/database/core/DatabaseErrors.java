package dev.backline.database.core;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

import dev.backline.database.settings.DatabaseTarget;

/**
 * Turns a driver's {@link SQLException} into one that says what went wrong for whom: the plugin, the
 * host and port, the database and the user, never the password.
 */
final class DatabaseErrors {

    /** What was being done when the error came. */
    enum Step {
        CONNECT, CREATE_DATABASE, CREATE_SCHEMA
    }

    private DatabaseErrors() {
    }

    static SQLException describe(Throwable error, String pluginId, DatabaseTarget.Pg target, String database, Step step) {
        return describe(error, pluginId, target, database, null, step);
    }

    /**
     * @param via the database actually connected to when that is not the plugin's own (the admin database
     *            used to create it), or null
     */
    static SQLException describe(Throwable error, String pluginId, DatabaseTarget.Pg target, String database, String via,
            Step step) {
        SQLException sql = sqlCause(error);
        String state = sql != null && sql.getSQLState() != null ? sql.getSQLState() : "";
        String cause = scrub(rootMessage(error), target.connection().password());
        String where = "PostgreSQL at " + target.connection().address();
        String db = "database '" + database + "'" + (via == null ? "" : " (connecting to database '" + via + "' to create it)");
        String user = "user '" + target.connection().user() + "'";
        String message;
        if (state.startsWith("28")) {
            message = where + " refused " + user + " for plugin '" + pluginId + "' (" + db + "): " + cause
                    + ". Check backend.database.connection.user and password";
        } else if (state.equals("42501") && step == Step.CREATE_DATABASE) {
            message = "Plugin '" + pluginId + "': " + user + " may not create " + db + " on " + where + ": " + cause
                    + ". Create the database beforehand, grant the user CREATEDB, or set backend.database.ensureExists: false";
        } else if (state.equals("42501") && step == Step.CREATE_SCHEMA) {
            message = "Plugin '" + pluginId + "': " + user + " may not create schema '" + target.schema() + "' in " + db
                    + " on " + where + ": " + cause;
        } else if (state.equals("3D000") && via != null) {
            message = "Plugin '" + pluginId + "': the database '" + via + "' through which " + where + " is asked to create "
                    + "database '" + database + "' does not exist (" + user + "): " + cause
                    + ". Create '" + database + "' beforehand and set backend.database.ensureExists: false";
        } else if (state.equals("3D000")) {
            message = "Plugin '" + pluginId + "': " + db + " does not exist on " + where + " (" + user + "): " + cause
                    + ". Create it, or leave backend.database.ensureExists at true";
        } else if (state.startsWith("08") || hasCause(error, ConnectException.class) || hasCause(error, UnknownHostException.class)) {
            message = "Plugin '" + pluginId + "' cannot reach " + where + " (" + db + ", " + user + "): " + cause;
        } else {
            message = "Plugin '" + pluginId + "' could not use " + db + " on " + where + " (" + user + "): " + cause;
        }
        return new SQLException(message, state.isEmpty() ? null : state, error);
    }

    /** The message without the password, should a driver ever echo it. */
    static String scrub(String message, String password) {
        if (message == null) {
            return "";
        }
        return password == null || password.isEmpty() ? message : message.replace(password, "***");
    }

    private static SQLException sqlCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable error) {
        SQLException sql = sqlCause(error);
        Throwable chosen = sql != null ? sql : error;
        String message = chosen.getMessage();
        return message != null ? message : chosen.getClass().getSimpleName();
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
