package dev.backline.runtime.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import jakarta.servlet.Servlet;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ext.RuntimeDelegate;

import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.internal.RuntimeDelegateImpl;
import org.glassfish.jersey.servlet.ServletContainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;

/**
 * A plugin's Jakarta REST resources as one Jersey servlet: JSON in and out through Jackson, errors in
 * Backstage's body shape. It is mounted like any servlet, so the plugin's gate, the credentials barrier
 * and the body limits apply before Jersey sees a request.
 */
final class RestResources {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RestResources() {
    }

    /**
     * @param owner names the plugin in errors, e.g. {@code plugin 'todo'}
     * @param resources instances (singletons) or classes (one instance per request) annotated with {@link Path},
     *                  or providers such as exception mappers
     * @throws IllegalArgumentException naming the owner when none is passed or one is null
     */
    static Servlet servlet(String owner, Object... resources) {
        Objects.requireNonNull(resources, "resources");
        useJersey();
        if (resources.length == 0) {
            throw new IllegalArgumentException(owner + " mounts no REST resources: pass at least one @Path class or instance");
        }
        ResourceConfig config = new ResourceConfig();
        List<Object> instances = new ArrayList<>();
        for (Object resource : resources) {
            if (resource == null) {
                throw new IllegalArgumentException(owner + " passed a null REST resource among " + Arrays.toString(resources));
            }
            if (resource instanceof Class<?> type) {
                config.register(type);
            } else if (resource.getClass().isAnnotationPresent(Path.class)) {
                // The class is the resource and the instance is what the injector hands out for it: registering the
                // instance itself would have Jersey take it for a provider and warn.
                config.register(resource.getClass());
                instances.add(resource);
            } else {
                config.register(resource);
            }
        }
        // One binder for all (Jersey keeps one component per class, so a second binder of the same class is dropped).
        config.register(new AbstractBinder() {
            @Override
            protected void configure() {
                instances.forEach(instance -> bindInstance(this, instance));
            }
        });
        config.register(new JacksonJsonProvider(JSON));
        config.register(new RestErrorMapper(owner));
        // Only what is registered here: no classpath scanning, no WADL, no features found on the classpath.
        config.property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        config.setApplicationName(owner);
        return new ServletContainer(config);
    }

    @SuppressWarnings("unchecked")
    private static <T> void bindInstance(AbstractBinder binder, T instance) {
        binder.bind(instance).to((Class<T>) instance.getClass());
    }

    /** The paths the resources serve, relative to their mount, e.g. {@code /todos} and {@code /todos/{id}}. */
    static List<String> paths(Object... resources) {
        List<String> paths = new ArrayList<>();
        for (Object resource : resources) {
            Class<?> type = resource instanceof Class<?> c ? c : resource == null ? null : resource.getClass();
            if (type != null && type.isAnnotationPresent(Path.class)) {
                collect("", Resource.from(type), paths);
            }
        }
        return paths;
    }

    private static void collect(String parent, Resource resource, List<String> paths) {
        String path = join(parent, resource.getPath());
        if (!resource.getResourceMethods().isEmpty() || resource.getResourceLocator() != null) {
            paths.add(path);
        }
        resource.getChildResources().forEach(child -> collect(path, child, paths));
    }

    private static String join(String parent, String path) {
        String joined = (parent + "/" + (path == null ? "" : path)).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /**
     * Makes Jersey the Jakarta REST implementation when the API cannot find one itself: in OSGi it looks only through
     * HK2's resource locator, which does not find Jersey's RuntimeDelegate there.
     */
    private static synchronized void useJersey() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RestResources.class.getClassLoader());
        try {
            RuntimeDelegate.getInstance();
        } catch (RuntimeException | java.util.ServiceConfigurationError notFound) {
            // ServiceConfigurationError: one found through a class path the bundles do not share (an embedding JVM's).
            RuntimeDelegate.setInstance(new RuntimeDelegateImpl());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
