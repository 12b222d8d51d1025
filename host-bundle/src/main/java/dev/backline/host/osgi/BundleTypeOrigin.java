package dev.backline.host.osgi;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import dev.backline.runtime.wiring.TypeOrigin;

/** Names the bundle (symbolic name, version, id) a class was loaded from. */
final class BundleTypeOrigin implements TypeOrigin {

    @Override
    public String describe(Class<?> type) {
        Bundle bundle = FrameworkUtil.getBundle(type);
        if (bundle == null) {
            return TypeOrigin.CLASS_LOADER.describe(type);
        }
        return describe(bundle);
    }

    /** "bundle dev.backline.example.plugin 0.1.0 [28]"; "an unknown bundle" once it is gone. */
    static String describe(Bundle bundle) {
        return bundle == null ? "an unknown bundle"
                : "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " [" + bundle.getBundleId() + "]";
    }
}
