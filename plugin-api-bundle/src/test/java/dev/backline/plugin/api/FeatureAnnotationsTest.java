package dev.backline.plugin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeatureAnnotationsTest {

    @BacklinePlugin("todo")
    static final class TodoPlugin implements BackendPlugin {
        @Override
        public void register(Registrar registrar) {
        }
    }

    @BacklineModule(pluginId = "todo", moduleId = "priority")
    static final class PriorityModule implements BackendModule {
        @Override
        public void register(Registrar registrar) {
        }
    }

    static final class Unnamed implements BackendPlugin {
        @Override
        public void register(Registrar registrar) {
        }
    }

    @BacklinePlugin("Not An Id")
    static final class BadId implements BackendPlugin {
        @Override
        public void register(Registrar registrar) {
        }
    }

    static final class UnnamedModule implements BackendModule {
        @Override
        public void register(Registrar registrar) {
        }
    }

    @Test
    void theAnnotationsNameTheFeature() {
        assertEquals("todo", new TodoPlugin().pluginId());
        assertEquals("todo", new PriorityModule().pluginId());
        assertEquals("priority", new PriorityModule().moduleId());
    }

    @Test
    void aPluginWithoutAnIdSaysHowToGiveIt() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> new Unnamed().pluginId());
        assertTrue(error.getMessage().contains(Unnamed.class.getName()), error.getMessage());
        assertTrue(error.getMessage().contains("@BacklinePlugin"), error.getMessage());
        IllegalStateException moduleError = assertThrows(IllegalStateException.class, () -> new UnnamedModule().moduleId());
        assertTrue(moduleError.getMessage().contains("@BacklineModule(pluginId"), moduleError.getMessage());
    }

    @Test
    void anAnnotatedIdFollowsTheIdRule() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new BadId().pluginId());
        assertTrue(error.getMessage().contains("Not An Id"), error.getMessage());
    }
}
