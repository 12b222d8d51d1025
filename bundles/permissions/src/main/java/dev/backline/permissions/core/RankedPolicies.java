package dev.backline.permissions.core;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.backline.plugin.api.permission.PermissionPolicy;

/**
 * The policies installed, by service id: the one with the highest ranking is in force, among equals the oldest (the
 * lowest id), as OSGi ranks services.
 */
public final class RankedPolicies implements PolicySource {

    private record Ranked(long serviceId, int ranking, PermissionPolicy policy) {
    }

    private static final Comparator<Ranked> ORDER = Comparator.comparingInt(Ranked::ranking)
            .thenComparing(Comparator.comparingLong(Ranked::serviceId).reversed());

    private final Map<Long, Ranked> policies = new ConcurrentHashMap<>();
    private volatile PermissionPolicy current;

    /** Adds a policy, or changes its ranking. */
    public synchronized void put(long serviceId, int ranking, PermissionPolicy policy) {
        policies.put(serviceId, new Ranked(serviceId, ranking, policy));
        elect();
    }

    public synchronized void remove(long serviceId) {
        policies.remove(serviceId);
        elect();
    }

    private void elect() {
        current = policies.values().stream().max(ORDER).map(Ranked::policy).orElse(null);
    }

    @Override
    public PermissionPolicy current() {
        return current;
    }
}
