package dev.backline.itest.secrets;

import java.util.List;
import java.util.Map;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.Registrar;
import dev.backline.plugin.api.services.CoreServices;

/**
 * A careless plugin: it logs its secret token in the message, in a field and in an error, so that a test
 * can check that none of them reaches the log. Its bundle ({@code ConfigSchemaIT} builds it) ships the
 * schema {@link #SCHEMA} marking {@code itestSecrets.token} secret.
 */
public final class SecretLoggingPlugin implements BackendPlugin {

    public static final String ID = "itest-secrets";

    /** The plugin's config.schema.json. */
    public static final String SCHEMA = """
            {"type": "object", "properties": {"itestSecrets": {"type": "object", "required": ["token"],
              "properties": {"token": {"type": "string", "visibility": "secret"}}}}}
            """;

    @Override
    public String pluginId() {
        return ID;
    }

    @Override
    public void register(Registrar env) {
        env.registerInit(List.of(CoreServices.LOGGER, CoreServices.CONFIG), deps -> {
            String token = deps.get(CoreServices.CONFIG).getString("itestSecrets.token");
            deps.get(CoreServices.LOGGER).info("Using token " + token, Map.of("authorization", "Bearer " + token));
            deps.get(CoreServices.LOGGER).warn("Token check", new IllegalStateException("token " + token + " expires soon"));
        });
    }
}
