package dev.backline.runtime.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAreAlignedUnderAnUpperCaseHeader() {
        Table table = Table.of("id", "state").row("catalog", "started").row("ex", null).build();

        assertEquals("ID       STATE\ncatalog  started\nex       -\n", table.toString());
        assertEquals(List.of("started", "-"), table.column("state"));
        assertEquals(Map.of("id", "ex", "state", "-"), table.row("ex"));
    }

    @Test
    void rowsMustHaveEveryColumn() {
        assertThrows(IllegalArgumentException.class, () -> Table.of("a", "b").row("only one").build());
    }

    @Test
    void reportsPrintFieldsAlignedThenSections() {
        Report report = Report.titled("Plugin x").field("state", "started").field("database", null)
                .section("Routes", List.of("/api/x/a")).section("Modules", List.of())
                .section("Table", Table.of("k").row("v").build()).section("Empty", Table.of("k").build()).build();

        assertEquals("Plugin x\n  state:    started\n  database: -\n\nRoutes\n  /api/x/a\n\nModules\n  (none)\n\nTable\n  K\n  v\n\nEmpty\n  (none)\n",
                report.toString());
    }
}
