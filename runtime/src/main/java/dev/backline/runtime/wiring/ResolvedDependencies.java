package dev.backline.runtime.wiring;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.backline.plugin.api.Dependencies;
import dev.backline.plugin.api.Dependency;
import dev.backline.plugin.api.ExtensionPoint;
import dev.backline.plugin.api.ServiceRef;

/**
 * The resolved dependencies of one requester (a feature's init or a service factory), handed out by
 * type. Asking for something that was not declared, or through the wrong accessor, is an error naming
 * the requester, what was asked for and what was declared.
 */
final class ResolvedDependencies implements Dependencies {

    private final String requester;
    private final List<? extends Dependency<?>> declared;
    private final Map<String, Object> services;
    private final Map<String, Object> extensionPoints;
    private final TypeOrigin typeOrigin;

    ResolvedDependencies(String requester, List<? extends Dependency<?>> declared, Map<String, Object> services,
            Map<String, Object> extensionPoints, TypeOrigin typeOrigin) {
        this.requester = requester;
        this.declared = List.copyOf(declared);
        this.services = Map.copyOf(services);
        this.extensionPoints = Map.copyOf(extensionPoints);
        this.typeOrigin = typeOrigin;
    }

    @Override
    public <T> T get(ServiceRef<T> ref) {
        if (ref.multiton()) {
            throw new IllegalArgumentException(requester + " asked for multiton service '" + ref.id()
                    + "' with get(); use getAll() for multiton services");
        }
        return cast(ref, lookup(services, ref));
    }

    @Override
    public <T> List<T> getAll(ServiceRef<T> ref) {
        if (!ref.multiton()) {
            throw new IllegalArgumentException(requester + " asked for singleton service '" + ref.id()
                    + "' with getAll(); use get() for singleton services");
        }
        List<?> all = (List<?>) lookup(services, ref);
        return all.stream().map(instance -> cast(ref, instance)).collect(Collectors.toUnmodifiableList());
    }

    @Override
    public <T> T get(ExtensionPoint<T> ref) {
        return cast(ref, lookup(extensionPoints, ref));
    }

    private Object lookup(Map<String, Object> values, Dependency<?> ref) {
        Object value = values.get(ref.id());
        if (value == null) {
            throw new IllegalArgumentException(requester + " asked for '" + ref.id()
                    + "', which it did not declare as a dependency; declared: "
                    + declared.stream().map(d -> "'" + d.id() + "'").collect(Collectors.joining(", ", "[", "]")));
        }
        return value;
    }

    private <T> T cast(Dependency<T> ref, Object instance) {
        if (!ref.type().isInstance(instance)) {
            throw new IllegalStateException(incompatibleType(requester, ref, instance, typeOrigin));
        }
        return ref.type().cast(instance);
    }

    /**
     * Explains an instance that is not of the type the requester's ref expects, naming the interface and
     * where each side loaded it from, rather than leaving a bare ClassCastException.
     */
    static String incompatibleType(String requester, Dependency<?> ref, Object instance, TypeOrigin origin) {
        Class<?> expected = ref.type();
        Class<?> sameName = findInterface(instance.getClass(), expected.getName());
        String kind = ref instanceof ExtensionPoint ? "extension point" : "service";
        if (sameName != null) {
            return requester + " cannot use " + kind + " '" + ref.id() + "': it sees " + expected.getName()
                    + " from " + origin.describe(expected) + ", but the implementation it was given ("
                    + instance.getClass().getName() + ") implements " + sameName.getName() + " from "
                    + origin.describe(sameName);
        }
        return requester + " cannot use " + kind + " '" + ref.id() + "': the implementation "
                + instance.getClass().getName() + " from " + origin.describe(instance.getClass()) + " is not a "
                + expected.getName() + " from " + origin.describe(expected);
    }

    private static Class<?> findInterface(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return c;
            }
            for (Class<?> i : c.getInterfaces()) {
                Class<?> found = i.getName().equals(name) ? i : findInterface(i, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
