package dev.backline.runtime.logging;

import java.util.Collection;

import dev.backline.plugin.api.services.LogLevel;
import dev.backline.plugin.api.services.RootLoggerService;

/**
 * What the host, not plugins, may do to the root logger: set its level ({@code backend.logger.level})
 * and format ({@code backend.logger.format}) and tell it which secrets to mask. Both reach every child logger, including ones made earlier. Lets the
 * wiring core and the test kit treat the SLF4J logger and the capturing logger alike.
 */
public interface ConfigurableRootLogger extends RootLoggerService {

    /** The least severe level written (lines at this level and more severe ones are written). */
    LogLevel level();

    void setLevel(LogLevel level);

    /** How lines are written; {@link LogFormat#TEXT} unless set. */
    LogFormat format();

    void setFormat(LogFormat format);

    /** Masks each of {@code secrets} from now on; see {@link Redactor} for which ones are ignored. */
    void addRedactions(Collection<String> secrets);
}
