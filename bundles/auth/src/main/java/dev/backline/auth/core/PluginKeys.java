package dev.backline.auth.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import dev.backline.plugin.api.services.DatabaseMigrations;
import dev.backline.plugin.api.services.DatabaseService;
import dev.backline.plugin.api.services.LoggerService;

/**
 * The keys of one plugin's service tokens. This instance signs with an EC P-256 key it keeps in memory and
 * replaces after {@code keyDuration}; each key's public half goes into the plugin's database (table
 * {@code backline_auth__public_keys}), where it stays for three key durations, so that every instance
 * sharing the database publishes the keys of all of them and tokens verify wherever they arrive.
 *
 * <p>The database is touched only when a token is issued or the keys are listed: a plugin that never calls
 * another one, and whose keys nobody asks for, opens no connection for this.
 */
final class PluginKeys {

    /** Migrations of the key table, applied like a module's, with their own history table. */
    static final DatabaseMigrations MIGRATIONS = DatabaseMigrations.forModule("backline-auth", PluginKeys.class)
            .location("db/backline-auth");
    static final String TABLE = MIGRATIONS.tableNamePrefix() + "public_keys";
    private static final int PUBLISHED_DURATIONS = 3;

    private final DatabaseService database;
    private final Duration keyDuration;
    private final Clock clock;
    private final LoggerService logger;
    private boolean migrated;
    private ECKey signingKey;
    private Instant signingKeyExpiry;

    PluginKeys(DatabaseService database, Duration keyDuration, Clock clock, LoggerService logger) {
        this.database = database;
        this.keyDuration = keyDuration;
        this.clock = clock;
        this.logger = logger;
    }

    /** The private key to sign with now; a new one (published first) when the last has expired. */
    synchronized ECKey signingKey() throws SQLException {
        Instant now = clock.instant();
        if (signingKey != null && now.isBefore(signingKeyExpiry)) {
            return signingKey;
        }
        ECKey key;
        try {
            key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).algorithm(JWSAlgorithm.ES256)
                    .keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate a signing key: " + e.getMessage(), e);
        }
        publish(key.toPublicJWK(), now.plus(keyDuration.multipliedBy(PUBLISHED_DURATIONS)));
        logger.info("Created a new service token signing key " + key.getKeyID());
        signingKey = key;
        signingKeyExpiry = now.plus(keyDuration);
        return key;
    }

    /** The public keys every instance of the plugin signs with now, as JSON Web Keys; expired ones are removed. */
    List<Map<String, Object>> publicKeys() throws SQLException {
        List<Map<String, Object>> keys = new ArrayList<>();
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection connection = dataSource()) {
            try (PreparedStatement expired = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE expires_at <= ?")) {
                expired.setTimestamp(1, now);
                expired.executeUpdate();
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT jwk FROM " + TABLE + " WHERE expires_at > ? ORDER BY expires_at DESC")) {
                query.setTimestamp(1, now);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        keys.add(JWK.parse(rows.getString(1)).toPublicJWK().toJSONObject());
                    }
                }
            }
        } catch (ParseException e) {
            throw new SQLException("A public key in " + TABLE + " is not a JSON Web Key: " + e.getMessage(), e);
        }
        return keys;
    }

    private void publish(JWK publicKey, Instant expiresAt) throws SQLException {
        try (Connection connection = dataSource();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO " + TABLE + " (id, jwk, expires_at) VALUES (?, ?, ?)")) {
            insert.setString(1, publicKey.getKeyID());
            insert.setString(2, publicKey.toJSONString());
            insert.setTimestamp(3, Timestamp.from(expiresAt));
            insert.executeUpdate();
        }
    }

    private synchronized Connection dataSource() throws SQLException {
        if (!migrated) {
            database.migrate(MIGRATIONS);
            migrated = true;
        }
        DataSource client = database.getClient();
        return client.getConnection();
    }
}
