package dev.backline.itest.launch;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Test;

import dev.backline.itest.HostilePaths;
import dev.backline.itest.Http;
import dev.backline.itest.RawHttp;

/**
 * Secure by default on the executable jar, as an operator starts it: a static token from the environment
 * opens plugin paths, anything else is refused; the public keys are public; hostile paths are refused; the
 * command port wants its token; no secret rests in ConfigAdmin's files or shows in {@code cm:getConfiguration}.
 */
public class SecureLaunchIT {

    private static final String ENV_TOKEN = "env-token-from-the-operator-0123456789";
    private static final String SECRET = "s3cret-api-token-value";

    private LaunchedBackend backend;

    @After
    public void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    public void theLaunchedJarIsSecureByDefault() throws Exception {
        int shellPort = freePort();
        backend = LaunchedBackend.in("secure", "example:\n  value: visible-value\n  apiToken: " + SECRET + "\n")
                .env("APP_CONFIG_backend_auth_externalAccess",
                        "[{\"type\":\"static\",\"options\":{\"token\":\"" + ENV_TOKEN + "\",\"subject\":\"operator\"}}]")
                .systemProperty("backline.shell.port", String.valueOf(shellPort))
                .start().awaitReady();
        int port = backend.port();

        assertEquals(401, status(port, "/api/catalog/anything", null));
        assertEquals("past the barrier with the environment's token", 404, status(port, "/api/catalog/anything", ENV_TOKEN));
        assertEquals("the file's token was replaced by the environment's", 401, status(port, "/api/catalog/anything", Http.TOKEN));
        Http.Response keys = backend.get("/api/example/.backstage/auth/v1/jwks.json");
        assertTrue(keys.toString(), keys.isJson(200) && keys.json().path("keys").isArray());

        for (String path : HostilePaths.toward("catalog", "entities", "secret", "example", "hello")) {
            for (String token : new String[] {null, ENV_TOKEN}) {
                RawHttp raw = RawHttp.get(port, path, token == null ? null : "Bearer " + token);
                assertTrue(path + " -> " + raw, raw.status() == 400 || raw.status() == 401 || raw.status() == 404);
                assertTrue(path + " -> " + raw, raw.body().startsWith("{\"error\":"));
            }
        }

        Path tokenFile = backend.directory().resolve("data/shell.token");
        assertEquals("Error: send the token in " + tokenFile + " as the first line, then the command\n",
                command(shellPort, "cm:getConfiguration backline.plugin.example"));
        String configuration = command(shellPort, Files.readString(tokenFile).strip(), "cm:getConfiguration backline.plugin.example");
        assertTrue(configuration, configuration.contains("visible-value"));
        assertFalse(configuration, configuration.contains(SECRET));
        try (Stream<Path> files = Files.walk(backend.directory().resolve("data/config"))) {
            files.filter(Files::isRegularFile).forEach(file -> {
                try {
                    assertFalse(file + " holds the secret", Files.readString(file, StandardCharsets.ISO_8859_1).contains(SECRET));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static int status(int port, String path, String token) {
        return Http.send(port, "GET", path, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token), null).status();
    }

    private static String command(int port, String... lines) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
