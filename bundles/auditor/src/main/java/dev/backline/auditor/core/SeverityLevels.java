package dev.backline.auditor.core;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import dev.backline.plugin.api.services.AuditorSeverity;
import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.ConfigException;
import dev.backline.plugin.api.services.LogLevel;

/**
 * The log level of each audit severity: Backstage's defaults (low at debug, the others at info), overridden by
 * {@code backend.auditor.severityLogLevelMappings.<severity>} ({@code debug}, {@code info}, {@code warn}, {@code error}).
 */
final class SeverityLevels {

    static final String KEY = "backend.auditor.severityLogLevelMappings";

    private final Map<AuditorSeverity, LogLevel> levels;

    private SeverityLevels(Map<AuditorSeverity, LogLevel> levels) {
        this.levels = levels;
    }

    /** @throws ConfigException naming the key of a severity or level that does not exist */
    static SeverityLevels from(Config root) {
        Map<AuditorSeverity, LogLevel> levels = new EnumMap<>(AuditorSeverity.class);
        levels.put(AuditorSeverity.LOW, LogLevel.DEBUG);
        levels.put(AuditorSeverity.MEDIUM, LogLevel.INFO);
        levels.put(AuditorSeverity.HIGH, LogLevel.INFO);
        levels.put(AuditorSeverity.CRITICAL, LogLevel.INFO);
        var mappings = root.getOptionalConfig(KEY);
        if (mappings.isPresent()) {
            for (String severity : mappings.get().keys()) {
                String key = KEY + "." + severity;
                AuditorSeverity parsedSeverity;
                try {
                    parsedSeverity = AuditorSeverity.valueOf(severity.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(key, "Unknown audit severity '" + severity + "' at " + key
                            + "; use low, medium, high or critical");
                }
                String level = root.getString(key);
                try {
                    levels.put(parsedSeverity, LogLevel.parse(level));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(key, "Unknown log level '" + level + "' at " + key
                            + "; use debug, info, warn or error");
                }
            }
        }
        return new SeverityLevels(levels);
    }

    LogLevel of(AuditorSeverity severity) {
        return levels.get(severity);
    }
}
