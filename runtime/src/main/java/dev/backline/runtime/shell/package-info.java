/**
 * The operator's view of a running backend, as shell commands: plain Java over
 * {@link dev.backline.runtime.Backend}, returning tables and reports that print well. The OSGi host exposes
 * them as Gogo commands in scope {@code backline}; tests call them directly.
 */
package dev.backline.runtime.shell;
