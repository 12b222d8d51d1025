package dev.backline.runtime.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import dev.backline.plugin.api.services.ConfigService;

/**
 * One plugin's view of the configuration: a base config service (the root) with an overlay merged
 * over it, objects deeply, arrays and scalars replaced. The host feeds the plugin's ConfigAdmin
 * configuration into the overlay. Subscribers hear of overlay changes and of base changes that alter
 * this view. Thread-safe; {@link #close()} detaches it from the base.
 */
public final class OverlayConfigService extends SnapshotConfigService implements AutoCloseable {

    /** How provenance names values of a base that does not keep provenance itself. */
    static final String UNTRACKED_BASE_SOURCE = "base config";

    private final ConfigService base;
    private final String overlaySource;
    private final ConfigService.Subscription baseSubscription;
    private Map<String, Object> overlay = Map.of();

    /**
     * @param base          typically the {@link DefaultRootConfigService}; any other config service works,
     *                      but then its values are attributed to "base config"
     * @param overlaySource how provenance names overlay values, e.g. {@code ConfigAdmin backline.plugin.catalog}
     */
    public OverlayConfigService(ConfigService base, String overlaySource) {
        this(base, overlaySource, LOG_LISTENER_FAILURE);
    }

    public OverlayConfigService(ConfigService base, String overlaySource, Consumer<Exception> onListenerFailure) {
        super(snapshotOf(base), onListenerFailure);
        this.base = base;
        this.overlaySource = Objects.requireNonNull(overlaySource, "overlaySource");
        this.baseSubscription = base.subscribe(this::recompute);
        recompute();
    }

    /**
     * Replaces the overlay. Keys may be dotted paths, as flat property sources write them
     * ({@code "catalog.rules"}); values are plain Java data, arrays and collections become lists, nulls
     * are left out. An empty map (or null) clears the overlay.
     *
     * @return whether this view changed (subscribers were then notified)
     * @throws IllegalArgumentException naming the key, for keys that contradict each other or values
     *                                  of an unsupported type
     */
    public boolean setOverlay(Map<String, ?> properties) {
        Map<String, Object> next = properties == null || properties.isEmpty()
                ? Map.of()
                : PlainData.freezeObject(PlainData.expandDottedKeys(properties), "");
        synchronized (this) {
            overlay = next;
            return recompute();
        }
    }

    /** The current overlay, nested. */
    public synchronized Map<String, Object> overlay() {
        return overlay;
    }

    private synchronized boolean recompute() {
        ConfigReader baseSnapshot = snapshotOf(base);
        // Overlay values equal to the base's add nothing; leaving them out keeps their provenance on the
        // base (the ConfigAdmin seed copies the root subtree, so errors would otherwise name ConfigAdmin).
        Map<String, Object> baseData = baseSnapshot.get();
        ConfigReader merged = ConfigMerger.merge(List.of(
                ConfigLayer.of(baseSnapshot),
                ConfigLayer.of(withoutEqualValues(overlay, baseData), overlaySource)));
        return replace(merged);
    }

    /** {@code overlay} without the leaves (and then empty objects) whose value {@code base} already has. */
    static Map<String, Object> withoutEqualValues(Map<String, Object> overlay, Map<String, Object> base) {
        Map<String, Object> result = new LinkedHashMap<>();
        overlay.forEach((key, value) -> {
            Object existing = base.get(key);
            if (value instanceof Map<?, ?> nested && existing instanceof Map<?, ?> baseNested) {
                Map<String, Object> rest = withoutEqualValues(asObject(nested), asObject(baseNested));
                if (!rest.isEmpty()) {
                    result.put(key, rest);
                }
            } else if (!value.equals(existing)) {
                result.put(key, value);
            }
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static ConfigReader snapshotOf(ConfigService base) {
        if (base instanceof SnapshotConfigService snapshots) {
            return snapshots.snapshot();
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> data = base.get() instanceof Map<?, ?> map ? (Map<String, ?>) map : Map.of();
        return ConfigReader.of(data, UNTRACKED_BASE_SOURCE);
    }

    @Override
    public void close() {
        baseSubscription.unsubscribe();
    }

    @Override
    public String toString() {
        return "OverlayConfigService{" + overlaySource + ", " + snapshot() + "}";
    }
}
