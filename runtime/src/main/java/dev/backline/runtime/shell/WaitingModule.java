package dev.backline.runtime.shell;

/**
 * A module the container holds back because its plugin is not installed: not activated, so the backend
 * does not know it yet, but the shell shows it.
 *
 * @param origin where it comes from, e.g. "bundle dev.backline.example.module 0.1.0 [27]"
 */
public record WaitingModule(String pluginId, String moduleId, String origin) {
}
