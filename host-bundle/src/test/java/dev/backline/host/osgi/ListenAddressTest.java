package dev.backline.host.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.DefaultRootConfigService;

/** backend.listen as Felix HTTP configuration: merged, compared, probed. */
class ListenAddressTest {

    private static ListenAddress of(Map<String, ?> listen) {
        return ListenAddress.of(new DefaultRootConfigService(ConfigReader.of(Map.of("backend", Map.of("listen", listen)), "test.yaml")));
    }

    @Test
    void defaultsToPort7007OnEveryInterface() {
        ListenAddress address = ListenAddress.of(new DefaultRootConfigService(ConfigReader.of(Map.of(), "test.yaml")));
        assertEquals(new ListenAddress(Optional.empty(), 7007), address);
        assertEquals("all interfaces, port 7007", address.describe());
    }

    @Test
    void mergingKeepsAnOperatorsOtherSettingsAndEnablesHttp() {
        ListenAddress address = of(Map.of("host", "127.0.0.1", "port", 8100));
        Map<String, Object> merged = address.mergeInto(Map.of("org.apache.felix.https.enable", true,
                "org.osgi.service.http.port", 7007, "org.apache.felix.http.enable", false));

        assertEquals(Map.of("org.apache.felix.https.enable", true, "org.osgi.service.http.port", 8100,
                "org.apache.felix.http.host", "127.0.0.1", "org.apache.felix.http.enable", true), merged);
        assertTrue(address.isIn(merged));
        assertFalse(address.isIn(Map.of("org.osgi.service.http.port", 8100)), "HTTP not enabled there");
        assertFalse(of(Map.of("port", 8101)).isIn(merged));
    }

    @Test
    void aPortOutOfRangeOrOfTheWrongTypeIsRefusedNamingTheKey() {
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> of(Map.of("port", 70000)));
        assertEquals("backend.listen.port must be between 0 and 65535, got 70000", range.getMessage());
        RuntimeException type = assertThrows(RuntimeException.class, () -> of(Map.of("port", "many")));
        assertTrue(type.getMessage().contains("backend.listen.port"), type.getMessage());
    }

    @Test
    void theProbeSaysWhyAPortCannotBeHad() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ListenAddress address = new ListenAddress(Optional.of("127.0.0.1"), taken.getLocalPort());
            assertEquals(Optional.of("Address already in use"), address.probe());
        }
        try (ServerSocket free = new ServerSocket(0)) {
            int port = free.getLocalPort();
            free.close();
            assertEquals(Optional.empty(), new ListenAddress(Optional.empty(), port).probe());
        }
    }
}
