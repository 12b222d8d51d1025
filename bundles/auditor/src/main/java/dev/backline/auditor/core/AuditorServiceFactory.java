package dev.backline.auditor.core;

import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.services.AuditorService;
import dev.backline.plugin.api.services.CoreServices;

/**
 * The {@code core.auditor} factory. In OSGi this bundle registers it as a service; in plain Java add it to the
 * backend: {@code builder.add(AuditorServiceFactory.create())}.
 */
public final class AuditorServiceFactory {

    private AuditorServiceFactory() {
    }

    public static ServiceFactory<AuditorService> create() {
        return ServiceFactory.of(CoreServices.AUDITOR)
                .deps(CoreServices.ROOT_CONFIG, CoreServices.LOGGER, CoreServices.HTTP_AUTH)
                .rootContext(deps -> SeverityLevels.from(deps.get(CoreServices.ROOT_CONFIG)))
                .factory((deps, levels) -> new PluginAuditor(deps.get(CoreServices.LOGGER), deps.get(CoreServices.HTTP_AUTH),
                        levels));
    }
}
