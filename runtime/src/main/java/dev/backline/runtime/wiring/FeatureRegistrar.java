package dev.backline.runtime.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.backline.plugin.api.BackendFeature;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.Dependency;
import dev.backline.plugin.api.ExtensionPoint;
import dev.backline.plugin.api.ExtensionPointFactory;
import dev.backline.plugin.api.ExtensionPointRegistrations;
import dev.backline.plugin.api.FeatureIds;
import dev.backline.plugin.api.InitFunction;
import dev.backline.plugin.api.Registrar;

/**
 * Runs one feature's {@code register} and enforces its rules: ids valid, extension points before
 * {@code registerInit}, {@code registerInit} exactly once.
 */
final class FeatureRegistrar implements Registrar {

    private final String description;
    private final List<FeatureRegistration.ProvidedExtensionPoint> extensionPoints = new ArrayList<>();
    private final List<ClosableRegistrations<?>> registrations = new ArrayList<>();
    private List<Dependency<?>> deps;
    private InitFunction init;
    private boolean open = true;

    private FeatureRegistrar(String description) {
        this.description = description;
    }

    /**
     * Registers a feature.
     *
     * @throws WiringException when the feature's ids are invalid, its {@code register} throws, or it
     *                         breaks a registration rule; the message names the plugin (and module)
     */
    static FeatureRegistration register(BackendFeature feature) {
        String pluginId = feature.pluginId();
        String moduleId = feature instanceof BackendModule module ? module.moduleId() : null;
        try {
            FeatureIds.requireValidPluginId(pluginId);
            if (feature instanceof BackendModule) {
                FeatureIds.requireValidModuleId(pluginId, moduleId);
            }
        } catch (IllegalArgumentException e) {
            throw new WiringException(e.getMessage(), e);
        }
        String description = FeatureRegistration.describe(pluginId, moduleId);
        FeatureRegistrar registrar = new FeatureRegistrar(description);
        try {
            feature.register(registrar);
        } catch (WiringException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: in OSGi a feature whose bundle lost a package fails here, alone.
            throw new WiringException("Registration of " + description + " failed: " + ServiceRegistry.describe(e), e);
        } finally {
            registrar.open = false;
        }
        if (registrar.init == null) {
            throw new WiringException("registerInit was not called by " + description);
        }
        return new FeatureRegistration(feature, registrar.extensionPoints, registrar.deps, registrar.init,
                registrar.registrations);
    }

    @Override
    public <T> void registerExtensionPoint(ExtensionPoint<T> extensionPoint, T implementation) {
        addExtensionPoint(extensionPoint, Objects.requireNonNull(implementation, "implementation"), null);
    }

    @Override
    public <T> void registerExtensionPointFactory(ExtensionPoint<T> extensionPoint, ExtensionPointFactory<T> factory) {
        addExtensionPoint(extensionPoint, null, Objects.requireNonNull(factory, "factory"));
    }

    private void addExtensionPoint(ExtensionPoint<?> ref, Object implementation, ExtensionPointFactory<?> factory) {
        requireOpen("registerExtensionPoint");
        Objects.requireNonNull(ref, "extensionPoint");
        if (init != null) {
            throw new WiringException("registerExtensionPoint called after registerInit by " + description
                    + " (extension point '" + ref.id() + "')");
        }
        if (extensionPoints.stream().anyMatch(p -> p.ref().id().equals(ref.id()))) {
            throw new WiringException("Extension point '" + ref.id() + "' registered twice by " + description);
        }
        if (implementation != null && !ref.type().isInstance(implementation)) {
            throw new WiringException(description + " registered extension point '" + ref.id()
                    + "' with an implementation that is not a " + ref.type().getName());
        }
        extensionPoints.add(new FeatureRegistration.ProvidedExtensionPoint(ref, implementation, factory));
    }

    @Override
    public void registerInit(List<? extends Dependency<?>> deps, InitFunction init) {
        requireOpen("registerInit");
        if (this.init != null) {
            throw new WiringException("registerInit must only be called once by " + description);
        }
        this.deps = List.copyOf(Objects.requireNonNull(deps, "deps"));
        this.init = Objects.requireNonNull(init, "init");
    }

    @Override
    public <E> ExtensionPointRegistrations<E> newRegistrations(ExtensionPoint<?> extensionPoint) {
        requireOpen("newRegistrations");
        ClosableRegistrations<E> collected = new ClosableRegistrations<>(extensionPoint.id(), description);
        registrations.add(collected);
        return collected;
    }

    private void requireOpen(String method) {
        if (!open) {
            throw new WiringException(method + " called by " + description + " after its register() returned");
        }
    }
}
