package dev.backline.example.module;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import dev.backline.example.api.ExamplesExtensionPoint;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.Registrar;
import dev.backline.plugin.api.services.CoreServices;

/** The seed's example module: adds an example to the example plugin through {@code example.examples}. */
@Component(service = BackendModule.class, property = {"backline.plugin.id=example", "backline.module.id=add-example"})
public final class ExampleModuleAddExample implements BackendModule {

    @Override
    public String pluginId() {
        return "example";
    }

    @Override
    public String moduleId() {
        return "add-example";
    }

    @Override
    public void register(Registrar env) {
        env.registerInit(List.of(ExamplesExtensionPoint.REF, CoreServices.LOGGER), deps -> {
            deps.get(ExamplesExtensionPoint.REF).addExample(
                    new ExamplesExtensionPoint.Example("hello", "An example added by the add-example module"));
            deps.get(CoreServices.LOGGER).info("Added an example", java.util.Map.of("module", "add-example"));
        });
    }
}
