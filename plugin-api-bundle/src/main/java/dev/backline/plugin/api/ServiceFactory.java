package dev.backline.plugin.api;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Creates the instances of one service: Backstage's {@code createServiceFactory}.
 *
 * <pre>{@code
 * ServiceFactory<FooService> foo = ServiceFactory.of(FOO)
 *         .deps(CoreServices.LOGGER)
 *         .factory(deps -> new DefaultFoo(deps.get(CoreServices.LOGGER)));
 * }</pre>
 *
 * <p>A plugin-scoped factory may also have a root context, created once per factory with root
 * dependencies only, and passed to every per-plugin call:
 *
 * <pre>{@code
 * ServiceFactory.of(FOO).deps(CoreServices.ROOT_CONFIG, CoreServices.PLUGIN_METADATA)
 *         .rootContext(deps -> new SharedPool(deps.get(CoreServices.ROOT_CONFIG)))
 *         .factory((deps, pool) -> pool.forPlugin(deps.get(CoreServices.PLUGIN_METADATA).getId()));
 * }</pre>
 *
 * @param <T> the service interface
 */
public final class ServiceFactory<T> {

    /** When instances are created. */
    public enum Initialization {
        /** At startup: for a root service once, for a plugin service for every plugin. */
        ALWAYS,
        /** On first use. */
        LAZY
    }

    /** Creates an instance from the declared dependencies. */
    @ConsumerType
    @FunctionalInterface
    public interface Function<T> {
        T create(Dependencies deps) throws Exception;
    }

    /** Creates the root context of a plugin-scoped factory from its root dependencies. */
    @ConsumerType
    @FunctionalInterface
    public interface RootContextFunction<C> {
        C create(Dependencies rootDeps) throws Exception;
    }

    /** Creates a plugin's instance from its dependencies and the factory's root context. */
    @ConsumerType
    @FunctionalInterface
    public interface ContextFunction<T, C> {
        T create(Dependencies deps, C rootContext) throws Exception;
    }

    private final ServiceRef<T> service;
    private final List<ServiceRef<?>> deps;
    private final Initialization initialization;
    private final RootContextFunction<?> rootContext;
    private final ContextFunction<T, Object> factory;

    @SuppressWarnings("unchecked")
    private ServiceFactory(Builder<T> builder, RootContextFunction<?> rootContext,
            ContextFunction<T, ?> factory) {
        this.service = builder.service;
        this.deps = builder.deps;
        this.initialization = builder.initialization;
        this.rootContext = rootContext;
        this.factory = (ContextFunction<T, Object>) factory;
    }

    /** Starts a factory for {@code service}. */
    public static <T> Builder<T> of(ServiceRef<T> service) {
        return new Builder<>(service);
    }

    /** The service this factory implements. */
    public ServiceRef<T> service() {
        return service;
    }

    /** The services this factory needs, root and (for plugin scope) plugin ones. */
    public List<ServiceRef<?>> deps() {
        return deps;
    }

    /**
     * When instances are created: as set, or by default {@link Initialization#ALWAYS} for root
     * services and {@link Initialization#LAZY} for plugin services.
     */
    public Initialization initialization() {
        if (initialization != null) {
            return initialization;
        }
        return service.scope() == ServiceScope.ROOT ? Initialization.ALWAYS : Initialization.LAZY;
    }

    /** True when the factory has a root context (plugin scope only). */
    public boolean hasRootContext() {
        return rootContext != null;
    }

    /** Creates the root context; only for factories that have one. */
    public Object createRootContext(Dependencies rootDeps) throws Exception {
        if (rootContext == null) {
            throw new IllegalStateException("Service factory for '" + service.id() + "' has no root context");
        }
        return rootContext.create(rootDeps);
    }

    /** Creates an instance; {@code rootContext} is null for factories without one. */
    public T create(Dependencies deps, Object rootContext) throws Exception {
        return factory.create(deps, rootContext);
    }

    @Override
    public String toString() {
        return "serviceFactory{" + service.id() + "}";
    }

    /** Builds a {@link ServiceFactory}; {@code factory(...)} completes it. */
    public static final class Builder<T> {
        private final ServiceRef<T> service;
        private List<ServiceRef<?>> deps = List.of();
        private Initialization initialization;

        private Builder(ServiceRef<T> service) {
            this.service = Objects.requireNonNull(service, "service");
        }

        public Builder<T> deps(ServiceRef<?>... deps) {
            return deps(Arrays.asList(deps));
        }

        public Builder<T> deps(List<? extends ServiceRef<?>> deps) {
            this.deps = List.copyOf(deps);
            return this;
        }

        public Builder<T> initialization(Initialization initialization) {
            this.initialization = Objects.requireNonNull(initialization, "initialization");
            return this;
        }

        /**
         * Adds a root context. Only plugin-scoped factories have one.
         *
         * @throws IllegalArgumentException for a root-scoped service
         */
        public <C> ContextBuilder<T, C> rootContext(RootContextFunction<C> rootContext) {
            if (service.scope() == ServiceScope.ROOT) {
                throw new IllegalArgumentException("Root service '" + service.id()
                        + "' cannot have a root context; only plugin-scoped factories have one");
            }
            return new ContextBuilder<>(this, Objects.requireNonNull(rootContext, "rootContext"));
        }

        /** Completes the factory. */
        public ServiceFactory<T> factory(Function<T> factory) {
            Objects.requireNonNull(factory, "factory");
            return new ServiceFactory<>(this, null, (deps, ignored) -> factory.create(deps));
        }
    }

    /** Builds a {@link ServiceFactory} that has a root context of type {@code C}. */
    public static final class ContextBuilder<T, C> {
        private final Builder<T> builder;
        private final RootContextFunction<C> rootContext;

        private ContextBuilder(Builder<T> builder, RootContextFunction<C> rootContext) {
            this.builder = builder;
            this.rootContext = rootContext;
        }

        /** Completes the factory. */
        public ServiceFactory<T> factory(ContextFunction<T, C> factory) {
            return new ServiceFactory<>(builder, rootContext, Objects.requireNonNull(factory, "factory"));
        }
    }
}
