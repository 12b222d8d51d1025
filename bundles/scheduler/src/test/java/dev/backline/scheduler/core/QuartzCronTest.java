package dev.backline.scheduler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuartzCronTest {

    @Test
    void fiveFieldsGainSecondsAndAnyDayOfWeek() {
        assertEquals("0 */5 * * * ?", QuartzCron.toQuartz("t", "*/5 * * * *"));
        assertEquals("0 30 2 1 * ?", QuartzCron.toQuartz("t", "30 2 1 * *"));
    }

    @Test
    void sixFieldsKeepTheirSeconds() {
        assertEquals("*/10 * * * * ?", QuartzCron.toQuartz("t", "*/10 * * * * *"));
    }

    @Test
    void daysOfWeekAreNamedSoSundayIsZeroOrSeven() {
        assertEquals("0 0 9 ? * MON-FRI", QuartzCron.toQuartz("t", "0 9 * * 1-5"));
        assertEquals("0 0 9 ? * SUN", QuartzCron.toQuartz("t", "0 9 * * 0"));
        assertEquals("0 0 9 ? * SUN", QuartzCron.toQuartz("t", "0 9 * * 7"));
        assertEquals("0 0 9 ? * SAT,SUN", QuartzCron.toQuartz("t", "0 9 * * 6,0"));
        assertEquals("0 0 9 ? * MON/2", QuartzCron.toQuartz("t", "0 9 * * 1/2"));
    }

    @Test
    void wrongExpressionsNameTheTaskAndTheReason() {
        IllegalArgumentException fields = assertThrows(IllegalArgumentException.class,
                () -> QuartzCron.toQuartz("refresh", "* * *"));
        assertTrue(fields.getMessage().contains("Task 'refresh'") && fields.getMessage().contains("3 fields"),
                fields.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> QuartzCron.toQuartz("refresh", "0 9 1 * 1"));
        assertTrue(both.getMessage().contains("both the day of month and the day of week"), both.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> QuartzCron.toQuartz("refresh", "61 * * * *"));
        assertTrue(range.getMessage().contains("'61 * * * *'"), range.getMessage());
    }
}
