package dev.backline.shell;

import org.apache.felix.service.command.Converter;

import dev.backline.runtime.shell.Report;
import dev.backline.runtime.shell.Table;

/**
 * Makes Gogo print the commands' tables and reports as their {@code toString()}, instead of listing
 * their record components.
 */
final class ShellResultConverter implements Converter {

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        return null; // converts nothing; formatting only
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        if (target instanceof Table || target instanceof Report) {
            // INSPECT (a command's result) and LINE both get the whole text; PART, in a list, too.
            return target.toString().stripTrailing();
        }
        return null;
    }
}
