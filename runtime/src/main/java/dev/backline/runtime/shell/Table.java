package dev.backline.runtime.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * Rows under named columns; {@link #toString()} prints them aligned under an upper-case header, as
 * {@code scr:list} does. Cells are plain strings, {@code -} for nothing.
 */
public record Table(List<String> columns, List<List<String>> rows) {

    public Table {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("Row " + row + " does not have the " + columns.size() + " columns " + columns);
            }
        }
    }

    /** Collects rows for a table with these columns. */
    public static Builder of(String... columns) {
        return new Builder(List.of(columns));
    }

    /** Each row as column name to cell, for scripts and tests. */
    public List<Map<String, String>> records() {
        return rows.stream().map(row -> {
            Map<String, String> record = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                record.put(columns.get(i), row.get(i));
            }
            return record;
        }).toList();
    }

    /** The cells of one column, top to bottom. */
    public List<String> column(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("No column '" + name + "' in " + columns);
        }
        return rows.stream().map(row -> row.get(index)).toList();
    }

    /** The first row whose first cell is {@code key}. */
    public Map<String, String> row(String key) {
        return records().stream().filter(r -> r.get(columns.get(0)).equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No row '" + key + "' in " + column(columns.get(0))));
    }

    @Override
    public String toString() {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, columns.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toList(), widths);
        rows.forEach(row -> appendLine(out, row, widths));
        return out.toString();
    }

    private static void appendLine(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append("  ");
            }
            line.append(cells.get(i));
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cells.get(i).length()));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** Collects the rows of a {@link Table}. */
    public static final class Builder {
        private final List<String> columns;
        private final List<List<String>> rows = new ArrayList<>();

        private Builder(List<String> columns) {
            this.columns = columns;
        }

        /** Adds a row; null cells print as {@code -}. */
        public Builder row(Object... cells) {
            List<String> row = new ArrayList<>();
            for (Object cell : cells) {
                row.add(cell == null || String.valueOf(cell).isEmpty() ? "-" : String.valueOf(cell));
            }
            rows.add(row);
            return this;
        }

        public Table build() {
            return new Table(columns, rows);
        }
    }
}
