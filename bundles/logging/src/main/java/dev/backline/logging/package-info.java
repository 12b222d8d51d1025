/**
 * Backline's log output on logback: {@link dev.backline.logging.LogOutput} switches the console between text
 * and one JSON object per line ({@code backend.logger.format}) and sets levels ({@code backend.logger.level})
 * at runtime.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.backline.logging;
