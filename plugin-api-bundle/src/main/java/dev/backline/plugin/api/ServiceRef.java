package dev.backline.plugin.api;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A typed reference to a service: Backstage's {@code createServiceRef}. Refs are matched by id, so two
 * refs with the same id (for example from two bundle revisions) name the same service.
 *
 * @param <T> the service interface
 */
public final class ServiceRef<T> implements Dependency<T> {

    private final String id;
    private final Class<T> type;
    private final ServiceScope scope;
    private final boolean multiton;
    private final Function<ServiceRef<T>, ServiceFactory<T>> defaultFactory;

    private ServiceRef(Builder<T> builder) {
        this.id = builder.id;
        this.type = builder.type;
        this.scope = builder.scope;
        this.multiton = builder.multiton;
        this.defaultFactory = builder.defaultFactory;
    }

    /** A plugin-scoped singleton ref with no default factory. */
    public static <T> ServiceRef<T> plugin(String id, Class<T> type) {
        return builder(id, type).build();
    }

    /** A root-scoped singleton ref with no default factory. */
    public static <T> ServiceRef<T> root(String id, Class<T> type) {
        return builder(id, type).scope(ServiceScope.ROOT).build();
    }

    /** Starts a ref; the scope defaults to {@link ServiceScope#PLUGIN}, singleton. */
    public static <T> Builder<T> builder(String id, Class<T> type) {
        return new Builder<>(id, type);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Class<T> type() {
        return type;
    }

    public ServiceScope scope() {
        return scope;
    }

    /** A multiton resolves to the list of every factory's instance, and to an empty list if none. */
    public boolean multiton() {
        return multiton;
    }

    /** The factory used when nothing else provides this service. */
    public Optional<ServiceFactory<T>> defaultFactory() {
        return defaultFactory == null ? Optional.empty() : Optional.of(defaultFactory.apply(this));
    }

    @Override
    public String toString() {
        return "serviceRef{" + id + ", scope=" + scope.label() + (multiton ? ", multiton" : "") + "}";
    }

    /** Builds a {@link ServiceRef}. */
    public static final class Builder<T> {
        private final String id;
        private final Class<T> type;
        private ServiceScope scope = ServiceScope.PLUGIN;
        private boolean multiton;
        private Function<ServiceRef<T>, ServiceFactory<T>> defaultFactory;

        private Builder(String id, Class<T> type) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("A service ref needs a non-blank id");
            }
            this.id = id;
            this.type = Objects.requireNonNull(type, "type of service ref '" + id + "'");
        }

        public Builder<T> scope(ServiceScope scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        public Builder<T> multiton(boolean multiton) {
            this.multiton = multiton;
            return this;
        }

        /**
         * The factory to use when nothing else provides this service. It is given the ref itself,
         * so a factory can be declared after the ref that names it.
         */
        public Builder<T> defaultFactory(Function<ServiceRef<T>, ServiceFactory<T>> defaultFactory) {
            this.defaultFactory = Objects.requireNonNull(defaultFactory, "defaultFactory");
            return this;
        }

        public ServiceRef<T> build() {
            return new ServiceRef<>(this);
        }
    }
}
