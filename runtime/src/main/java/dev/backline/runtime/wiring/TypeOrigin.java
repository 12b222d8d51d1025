package dev.backline.runtime.wiring;

/**
 * Says where a class was loaded from, for errors about one interface seen through two class loaders
 * (in OSGi: two revisions of a library bundle). The OSGi host names the bundle and its version.
 */
@FunctionalInterface
public interface TypeOrigin {

    /** Describes the origin of {@code type}, e.g. {@code bundle dev.backline.example.catalog.api 1.0.0}. */
    String describe(Class<?> type);

    /** The class loader's name, or its string form. */
    TypeOrigin CLASS_LOADER = type -> {
        ClassLoader loader = type.getClassLoader();
        if (loader == null) {
            return "the boot class loader";
        }
        return loader.getName() != null ? "class loader '" + loader.getName() + "'" : "class loader " + loader;
    };
}
