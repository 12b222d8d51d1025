package dev.backline.runtime.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClosestIdsTest {

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(3, ClosestIds.distance("kitten", "sitting"));
        assertEquals(0, ClosestIds.distance("catalog", "catalog"));
        assertEquals(1, ClosestIds.distance("catalg", "catalog"));
        assertEquals(7, ClosestIds.distance("", "catalog"));
    }

    @Test
    void closestIdsComeNearestFirstIgnoringCase() {
        assertEquals(List.of("catalog", "example"), ClosestIds.closest("CATALG", List.of("example", "catalog", "search"), 2));
        assertEquals(List.of("a", "b"), ClosestIds.closest("x", List.of("b", "a"), 5));
    }

    @Test
    void theErrorListsSuggestionsOrSaysNoneIsKnown() {
        assertEquals("No plugin 'exampel'; closest: example, catalog",
                ClosestIds.unknown("plugin", "exampel", List.of("catalog", "example")).getMessage());
        assertEquals("No plugin 'x'; none is known", ClosestIds.unknown("plugin", "x", List.of()).getMessage());
    }
}
