package dev.backline.scheduler.core;

import java.io.InputStream;
import java.net.URL;

import org.quartz.spi.ClassLoadHelper;

/**
 * Loads the classes Quartz names in its tables (the job class, the database delegate) from this bundle, which sees
 * Quartz through its imports. Quartz's own default also tries the thread's context class loader, which in a test JVM
 * can find a second copy of the job class whose {@code Job} is not the bundle's.
 */
final class OwnClassLoadHelper implements ClassLoadHelper {

    private final ClassLoader loader = OwnClassLoadHelper.class.getClassLoader();

    @Override
    public void initialize() {
        // nothing to find out
    }

    @Override
    public Class<?> loadClass(String name) throws ClassNotFoundException {
        return loader.loadClass(name);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Class<? extends T> loadClass(String name, Class<T> type) throws ClassNotFoundException {
        return (Class<? extends T>) loadClass(name);
    }

    @Override
    public URL getResource(String name) {
        return loader.getResource(name);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        return loader.getResourceAsStream(name);
    }

    @Override
    public ClassLoader getClassLoader() {
        return loader;
    }
}
