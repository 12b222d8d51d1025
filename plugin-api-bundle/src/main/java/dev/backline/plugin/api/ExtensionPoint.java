package dev.backline.plugin.api;

import java.util.Objects;

/**
 * A typed reference to an extension point: Backstage's {@code createExtensionPoint}. The id
 * convention is {@code <pluginId>.<name>}, e.g. {@code catalog.processing}. Extension points are
 * matched by id: the ref a module holds and the ref its plugin registered may come from different
 * bundle revisions.
 *
 * @param <T> the extension point interface
 */
public final class ExtensionPoint<T> implements Dependency<T> {

    private final String id;
    private final Class<T> type;

    private ExtensionPoint(String id, Class<T> type) {
        this.id = id;
        this.type = type;
    }

    /** Creates an extension point ref. */
    public static <T> ExtensionPoint<T> create(String id, Class<T> type) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("An extension point needs a non-blank id");
        }
        return new ExtensionPoint<>(id, Objects.requireNonNull(type, "type of extension point '" + id + "'"));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Class<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return "extensionPoint{" + id + "}";
    }
}
