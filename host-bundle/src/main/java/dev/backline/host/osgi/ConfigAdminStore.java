package dev.backline.host.osgi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** {@link ConfigurationStore} on ConfigAdmin. */
final class ConfigAdminStore implements ConfigurationStore {

    /** Set by FileInstall on configurations it created from a file. */
    static final String FILEINSTALL_FILENAME = "felix.fileinstall.filename";

    private final ConfigurationAdmin admin;

    ConfigAdminStore(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    @Override
    public Optional<Map<String, Object>> read(String pid) {
        return find(pid).map(Configuration::getProperties).map(ConfigAdminStore::ownProperties);
    }

    @Override
    public void write(String pid, Map<String, Object> properties) {
        try {
            admin.getConfiguration(pid, "?").update(new Hashtable<>(properties));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write configuration " + pid + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String pid) {
        try {
            Optional<Configuration> found = find(pid);
            if (found.isPresent()) {
                found.get().delete();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete configuration " + pid + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean fileBacked(String pid) {
        return find(pid).map(Configuration::getProperties).map(p -> p.get(FILEINSTALL_FILENAME) != null).orElse(false);
    }

    private Optional<Configuration> find(String pid) {
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + pid + ")");
            return found == null || found.length == 0 || found[0].getProperties() == null
                    ? Optional.empty() : Optional.of(found[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read configuration " + pid + ": " + e.getMessage(), e);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("Not a valid configuration PID: " + pid, e);
        }
    }

    /** The properties an operator set, without the framework's and FileInstall's bookkeeping keys. */
    private static Map<String, Object> ownProperties(Dictionary<String, Object> properties) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (String key : Collections.list(properties.keys())) {
            if (!key.startsWith("service.") && !key.startsWith("felix.") && !key.startsWith("component.")) {
                result.put(key, properties.get(key));
            }
        }
        return result;
    }
}
