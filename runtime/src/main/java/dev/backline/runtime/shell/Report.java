package dev.backline.runtime.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A titled report: "key: value" lines, then titled sections, each a {@link Table} or further lines.
 * {@link #toString()} prints it for an operator; the parts stay readable for scripts and tests.
 */
public record Report(String title, Map<String, String> fields, List<Section> sections) {

    /** One titled part of a report; {@code body} is a {@link Table} or a list of lines. */
    public record Section(String title, Object body) {
    }

    public Report {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        sections = List.copyOf(sections);
    }

    public static Builder titled(String title) {
        return new Builder(title);
    }

    /** The value of a field. */
    public String field(String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("No field '" + key + "' in " + fields.keySet());
        }
        return value;
    }

    /** The table of a section, if it has one with that title. */
    public Optional<Table> table(String title) {
        return sections.stream().filter(s -> s.title().equals(title) && s.body() instanceof Table)
                .map(s -> (Table) s.body()).findFirst();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (!title.isEmpty()) {
            out.append(title).append('\n');
        }
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        fields.forEach((key, value) -> out.append("  ").append(key).append(':')
                .append(" ".repeat(width - key.length() + 1)).append(value).append('\n'));
        for (Section section : sections) {
            out.append('\n').append(section.title()).append('\n');
            boolean empty = section.body() instanceof List<?> lines && lines.isEmpty()
                    || section.body() instanceof Table table && table.rows().isEmpty();
            String body = empty ? "(none)\n" : render(section.body());
            body.lines().forEach(line -> out.append("  ").append(line).append('\n'));
        }
        return out.toString();
    }

    private static String render(Object body) {
        if (body instanceof List<?> lines) {
            StringBuilder out = new StringBuilder();
            lines.forEach(line -> out.append(line).append('\n'));
            return out.toString();
        }
        return String.valueOf(body);
    }

    /** Collects the parts of a {@link Report}. */
    public static final class Builder {
        private final String title;
        private final Map<String, String> fields = new LinkedHashMap<>();
        private final List<Section> sections = new ArrayList<>();

        private Builder(String title) {
            this.title = title;
        }

        /** Adds a "key: value" line; null prints as {@code -}. */
        public Builder field(String key, Object value) {
            fields.put(key, value == null || String.valueOf(value).isEmpty() ? "-" : String.valueOf(value));
            return this;
        }

        public Builder section(String title, Table table) {
            sections.add(new Section(title, table));
            return this;
        }

        public Builder section(String title, List<String> lines) {
            sections.add(new Section(title, List.copyOf(lines)));
            return this;
        }

        public Report build() {
            return new Report(title, fields, sections);
        }
    }
}
