package dev.backline.database.settings;

import java.util.Map;

/**
 * Where and as whom to connect to PostgreSQL. {@code properties} are further pgjdbc connection
 * properties ({@code sslmode}, {@code ApplicationName}, …). The password never appears in
 * {@link #toString()}.
 */
public record PgConnection(String host, int port, String user, String password, Map<String, String> properties) {

    public PgConnection {
        properties = Map.copyOf(properties);
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "PgConnection[" + address() + ", user " + user + (password == null ? "" : ", password ***")
                + ", " + properties + "]";
    }
}
