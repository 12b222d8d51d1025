package dev.backline.example.module;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import dev.backline.example.api.ExamplesExtensionPoint;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BacklineModule;
import dev.backline.plugin.api.Registrar;
import dev.backline.plugin.api.services.CoreServices;

/** The example module: adds an example to the example plugin through {@code example.examples}. */
@Component(service = BackendModule.class)
@BacklineModule(pluginId = "example", moduleId = "add-example")
public final class ExampleModuleAddExample implements BackendModule {

    @Override
    public void register(Registrar env) {
        env.registerInit(List.of(ExamplesExtensionPoint.REF, CoreServices.LOGGER), deps -> {
            deps.get(ExamplesExtensionPoint.REF).addExample(
                    new ExamplesExtensionPoint.Example("hello", "An example added by the add-example module"));
            deps.get(CoreServices.LOGGER).info("Added an example", Map.of("module", "add-example"));
        });
    }
}
