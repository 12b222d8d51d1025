package dev.backline.runtime.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.ConfigService;

/**
 * A {@link ConfigService} whose values are an immutable {@link ConfigReader} snapshot that is swapped
 * whole when the configuration changes, so every read sees one consistent configuration.
 *
 * <p>Sub-configs ({@link #getConfig}) are snapshots too: read again from the service after a change
 * notification, as {@link ConfigService#subscribe} says.
 */
public abstract class SnapshotConfigService implements ConfigService {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotConfigService.class);

    /** Logs a failing listener; its exception message is the listener's own, no config value. */
    static final Consumer<Exception> LOG_LISTENER_FAILURE = e -> LOG.warn(
            "A config change listener failed; the other listeners were still notified", e);

    private volatile ConfigReader current;
    private final ChangeListeners listeners;

    protected SnapshotConfigService(ConfigReader initial, Consumer<Exception> onListenerFailure) {
        this.current = Objects.requireNonNull(initial, "initial");
        this.listeners = new ChangeListeners(onListenerFailure);
    }

    /** The current configuration; it never changes, a change replaces it. */
    public ConfigReader snapshot() {
        return current;
    }

    /**
     * Makes {@code next} current and, if its content differs, notifies the subscribers (in this
     * thread, before returning). Serialised, so subscribers see changes in order.
     *
     * @return whether the content changed
     */
    protected final synchronized boolean replace(ConfigReader next) {
        Objects.requireNonNull(next, "next");
        ConfigReader previous = current;
        current = next;
        if (previous.sameContentAs(next)) {
            return false;
        }
        listeners.notifyAllListeners();
        return true;
    }

    @Override
    public Subscription subscribe(Runnable onChange) {
        return listeners.add(onChange);
    }

    /** See {@link ConfigReader#sourceOf}. */
    public Optional<String> sourceOf(String key) {
        return current.sourceOf(key);
    }

    /** See {@link ConfigReader#sources()}. */
    public Map<String, String> sources() {
        return current.sources();
    }

    @Override
    public boolean has(String key) {
        return current.has(key);
    }

    @Override
    public Set<String> keys() {
        return current.keys();
    }

    @Override
    public Object get() {
        return current.get();
    }

    @Override
    public Object get(String key) {
        return current.get(key);
    }

    @Override
    public Optional<Object> getOptional(String key) {
        return current.getOptional(key);
    }

    @Override
    public Optional<java.time.Duration> getOptionalDuration(String key) {
        return current.getOptionalDuration(key);
    }

    @Override
    public Config getConfig(String key) {
        return current.getConfig(key);
    }

    @Override
    public Optional<Config> getOptionalConfig(String key) {
        return current.getOptionalConfig(key);
    }

    @Override
    public List<Config> getConfigArray(String key) {
        return current.getConfigArray(key);
    }

    @Override
    public Optional<List<Config>> getOptionalConfigArray(String key) {
        return current.getOptionalConfigArray(key);
    }

    @Override
    public String getString(String key) {
        return current.getString(key);
    }

    @Override
    public Optional<String> getOptionalString(String key) {
        return current.getOptionalString(key);
    }

    @Override
    public List<String> getStringArray(String key) {
        return current.getStringArray(key);
    }

    @Override
    public Optional<List<String>> getOptionalStringArray(String key) {
        return current.getOptionalStringArray(key);
    }

    @Override
    public double getNumber(String key) {
        return current.getNumber(key);
    }

    @Override
    public Optional<Double> getOptionalNumber(String key) {
        return current.getOptionalNumber(key);
    }

    @Override
    public int getInt(String key) {
        return current.getInt(key);
    }

    @Override
    public Optional<Integer> getOptionalInt(String key) {
        return current.getOptionalInt(key);
    }

    @Override
    public boolean getBoolean(String key) {
        return current.getBoolean(key);
    }

    @Override
    public Optional<Boolean> getOptionalBoolean(String key) {
        return current.getOptionalBoolean(key);
    }
}
