package dev.backline.database.core;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.h2.util.OsgiDataSourceFactory;
import org.junit.jupiter.api.Test;
import org.osgi.service.jdbc.DataSourceFactory;

import dev.backline.database.settings.DatabaseClient;

class JdbcDriversTest {

    private final JdbcDrivers drivers = new JdbcDrivers();
    private final DataSourceFactory h2 = new OsgiDataSourceFactory(new org.h2.Driver());

    @Test
    void aLookupWaitsForADriverThatArrivesLater() throws Exception {
        CompletableFuture<DataSourceFactory> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return drivers.factoryFor(DatabaseClient.H2, "catalog", Duration.ofSeconds(10));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        drivers.add(DatabaseClient.H2.driverClass(), h2);

        assertSame(h2, lookup.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aRemovedDriverIsGoneAndTheErrorNamesWhatIsMissing() {
        drivers.add(DatabaseClient.H2.driverClass(), h2);
        drivers.remove(DatabaseClient.H2.driverClass(), h2);

        SQLException error = assertThrows(SQLException.class,
                () -> drivers.factoryFor(DatabaseClient.H2, "catalog", Duration.ofMillis(50)));
        assertTrue(error.getMessage().contains("osgi.jdbc.driver.class=org.h2.Driver"), error.getMessage());
        assertTrue(error.getMessage().contains("plugin 'catalog'"), error.getMessage());
    }
}
