package dev.backline.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.backline.runtime.Backend;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.ServiceRef;
import dev.backline.plugin.api.ServiceScope;

/**
 * Tests a {@link ServiceFactory} on its own (Backstage's {@code ServiceFactoryTester}): the factory with the default
 * core services, mocks of your choice and configuration from a map, asked for instances as a plugin would be.
 *
 * <pre>
 * ServiceFactoryTester&lt;Greeter&gt; tester = ServiceFactoryTester.of(GREETER_FACTORY).config(Map.of("greeting", "hi")).build();
 * assertEquals("hi todo", tester.subject("todo").greet());
 * </pre>
 */
public final class ServiceFactoryTester<T> implements AutoCloseable {

    private final ServiceFactory<T> subject;
    private final Backend backend;
    private final CapturingLogger logs;

    private ServiceFactoryTester(ServiceFactory<T> subject, Backend backend, CapturingLogger logs) {
        this.subject = subject;
        this.backend = backend;
        this.logs = logs;
    }

    public static <T> Builder<T> of(ServiceFactory<T> subject) {
        return new Builder<>(Objects.requireNonNull(subject, "subject"));
    }

    /** The root-scoped subject's instance. */
    public T subject() {
        requireScope(ServiceScope.ROOT);
        return backend.rootService(subject.service());
    }

    /** The plugin-scoped subject's instance for a plugin: the same one on every call for that plugin. */
    public T subject(String pluginId) {
        requireScope(ServiceScope.PLUGIN);
        return backend.pluginService(pluginId, subject.service());
    }

    /** Another service as the given plugin receives it (the subject's dependencies, say). */
    public <S> S service(ServiceRef<S> ref, String pluginId) {
        return ref.scope() == ServiceScope.ROOT ? backend.rootService(ref) : backend.pluginService(pluginId, ref);
    }

    /** What the services logged. */
    public CapturingLogger logs() {
        return logs;
    }

    /** Runs the shutdown hooks the services registered. */
    @Override
    public void close() {
        backend.stop();
    }

    private void requireScope(ServiceScope scope) {
        if (subject.service().scope() != scope) {
            throw new IllegalStateException("Service '" + subject.service().id() + "' is " + subject.service().scope()
                    + "-scoped: use subject(" + (scope == ServiceScope.ROOT ? "pluginId" : "") + ")");
        }
    }

    /** Assembles a {@link ServiceFactoryTester}. */
    public static final class Builder<T> {
        private final ServiceFactory<T> subject;
        private final List<ServiceFactory<?>> dependencies = new ArrayList<>();
        private Map<String, ?> config = Map.of();

        private Builder(ServiceFactory<T> subject) {
            this.subject = subject;
        }

        /** A factory the subject depends on (a mock of a core service, say); it wins over the defaults. */
        public Builder<T> with(ServiceFactory<?> dependency) {
            dependencies.add(Objects.requireNonNull(dependency, "dependency"));
            return this;
        }

        /** The root configuration, as a map; a key may be a dotted path ({@code "todo.limit"}). */
        public Builder<T> config(Map<String, ?> config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        public ServiceFactoryTester<T> build() {
            CapturingLogger logs = new CapturingLogger();
            Backend.Builder builder = Backend.builder()
                    .config(new DefaultRootConfigService(TestServices.testConfig(config)))
                    .logger(logs)
                    .startupProgressIntervals(Duration.ofSeconds(1), Duration.ofSeconds(5))
                    .add(subject);
            dependencies.forEach(builder::add);
            return new ServiceFactoryTester<>(subject, builder.build(), logs);
        }
    }
}
