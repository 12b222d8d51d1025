package dev.backline.plugin.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Names the plugin a {@link BackendModule} class extends and its own id, so both are written once:
 * {@link BackendModule#pluginId()} and {@link BackendModule#moduleId()} return them, and on a Declarative
 * Services component they become the service properties {@code backline.pluginId} and
 * {@code backline.moduleId}, which let the host hold the module until its plugin is installed.
 *
 * <pre>
 * &#64;Component(service = BackendModule.class)
 * &#64;BacklineModule(pluginId = "todo", moduleId = "priority")
 * public final class TodoPriorityModule implements BackendModule { ... }
 * </pre>
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BacklineModule {

    /** Prefix of the service properties, as Declarative Services applies it. */
    String PREFIX_ = "backline.";

    /** The id of the plugin this module extends. */
    String pluginId();

    /** The module id, unique within its plugin. */
    String moduleId();
}
