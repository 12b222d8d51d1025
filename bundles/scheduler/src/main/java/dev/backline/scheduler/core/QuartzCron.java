package dev.backline.scheduler.core;

import java.text.ParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.quartz.CronExpression;

/**
 * Turns a cron expression as Backstage writes it (five fields, or six with seconds first; day of week 0-7 with 0 and
 * 7 for Sunday) into Quartz's form (seconds first, day of week 1-7 from Sunday, {@code ?} in one of the two day
 * fields).
 */
final class QuartzCron {

    private static final String[] DAY_NAMES = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};
    private static final Pattern DAY_NUMBER = Pattern.compile("(?<![/#])\\b([0-7])\\b");

    private QuartzCron() {
    }

    /**
     * @throws IllegalArgumentException naming the task and the expression, when it is not a cron expression the
     *                                  scheduler can run
     */
    static String toQuartz(String taskId, String expression) {
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != 5 && fields.length != 6) {
            throw invalid(taskId, expression, "it has " + fields.length + " fields; five (minute hour day-of-month month"
                    + " day-of-week) or six (seconds first) are expected");
        }
        String[] quartz = new String[6];
        if (fields.length == 5) {
            quartz[0] = "0";
            System.arraycopy(fields, 0, quartz, 1, 5);
        } else {
            System.arraycopy(fields, 0, quartz, 0, 6);
        }
        quartz[5] = dayNames(quartz[5]);
        boolean anyDayOfMonth = quartz[3].equals("*") || quartz[3].equals("?");
        boolean anyDayOfWeek = quartz[5].equals("*") || quartz[5].equals("?");
        if (anyDayOfWeek) {
            quartz[5] = "?";
        } else if (anyDayOfMonth) {
            quartz[3] = "?";
        } else {
            throw invalid(taskId, expression, "it restricts both the day of month and the day of week, which this"
                    + " scheduler cannot combine; use one of them");
        }
        String result = String.join(" ", quartz);
        try {
            new CronExpression(result);
        } catch (ParseException e) {
            throw invalid(taskId, expression, e.getMessage());
        }
        return result;
    }

    /** Day-of-week numbers as names, which mean the same in both notations (and Quartz accepts SUN at either end). */
    private static String dayNames(String field) {
        Matcher matcher = DAY_NUMBER.matcher(field.toUpperCase(Locale.ROOT));
        StringBuilder out = new StringBuilder();
        while (matcher.find()) { // a step's divisor and an nth-weekday count stay numbers
            matcher.appendReplacement(out, DAY_NAMES[Integer.parseInt(matcher.group(1))]);
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static IllegalArgumentException invalid(String taskId, String expression, String why) {
        return new IllegalArgumentException("Task '" + taskId + "' has an invalid cron expression '" + expression
                + "': " + why);
    }
}
