package dev.backline.runtime.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Copies of configuration data with the values at secret key paths replaced, for anything an operator
 * sees (shell commands, logs). Which paths are secret comes from the configuration schemas
 * ({@code visibility: secret}).
 */
public final class SecretRedaction {

    /** What a secret value shows as. */
    public static final String MASK = "<secret>";

    private SecretRedaction() {
    }

    /**
     * @param data        plain configuration data (maps, lists, scalars) found at {@code basePath}
     * @param basePath    the dotted key path of {@code data} from the root ({@code ""} for the root)
     * @param secretPaths dotted key paths from the root whose values are secret
     */
    public static Object redact(Object data, String basePath, Set<String> secretPaths) {
        if (secretPaths.contains(basePath)) {
            return MASK;
        }
        if (data instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(String.valueOf(key),
                    redact(value, basePath.isEmpty() ? String.valueOf(key) : basePath + "." + key, secretPaths)));
            return copy;
        }
        return data;
    }
}
