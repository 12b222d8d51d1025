package dev.backline.plugin.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Names the plugin a {@link BackendPlugin} class is, so its id is written once: {@link BackendPlugin#pluginId()}
 * returns it, and on a Declarative Services component it becomes the service property {@code backline.plugin},
 * which the host reads before it activates the component.
 *
 * <pre>
 * &#64;Component(service = BackendPlugin.class)
 * &#64;BacklinePlugin("todo")
 * public final class TodoPlugin implements BackendPlugin { ... }
 * </pre>
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BacklinePlugin {

    /** The plugin id; it follows {@link FeatureIds#RULE}. */
    String value();
}
