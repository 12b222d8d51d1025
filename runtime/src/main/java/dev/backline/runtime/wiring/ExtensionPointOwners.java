package dev.backline.runtime.wiring;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which feature owns each extension point id. Ids are globally unique: a second feature registering
 * the same id fails.
 */
final class ExtensionPointOwners {

    /** The owner of an extension point. */
    record Owner(String pluginId, String moduleId) {
        String describe() {
            return FeatureRegistration.describe(pluginId, moduleId);
        }
    }

    private final Map<String, Owner> owners = new HashMap<>();

    /**
     * Records the feature as owner of every extension point it registered, or none of them.
     *
     * @throws WiringException when one id is already owned by another feature, naming both
     */
    synchronized FeatureRegistration claim(FeatureRegistration registration) {
        Owner claimant = new Owner(registration.pluginId(), registration.moduleId());
        for (FeatureRegistration.ProvidedExtensionPoint point : registration.extensionPoints()) {
            Owner existing = owners.get(point.ref().id());
            if (existing != null && !existing.equals(claimant)) {
                throw new WiringException("Extension point '" + point.ref().id() + "' is already registered by "
                        + existing.describe() + "; " + claimant.describe() + " cannot register it again");
            }
        }
        registration.extensionPoints().forEach(point -> owners.put(point.ref().id(), claimant));
        return registration;
    }

    synchronized Optional<Owner> ownerOf(String extensionPointId) {
        return Optional.ofNullable(owners.get(extensionPointId));
    }

    /** Forgets every extension point of a plugin and its modules, when the plugin stops. */
    synchronized void releasePlugin(String pluginId) {
        owners.values().removeIf(owner -> owner.pluginId().equals(pluginId));
    }
}
