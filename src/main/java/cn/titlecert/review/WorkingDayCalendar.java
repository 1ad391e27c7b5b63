package cn.titlecert.review;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.security.CurrentUser;

/**
 * Working days as the Chinese statutory calendar has them: Monday to Friday, except public holidays,
 * plus the weekends declared working days (调休). The exceptions are data (table {@code calendar_day}).
 * For a year the State Council has not published yet, only Monday–Friday and the dates already entered count.
 */
@Service
public class WorkingDayCalendar {

    private static final Logger log = LoggerFactory.getLogger(WorkingDayCalendar.class);

    private final CalendarMapper calendar;
    private final AuditTrail audit;

    public WorkingDayCalendar(CalendarMapper calendar, AuditTrail audit) {
        this.calendar = calendar;
        this.audit = audit;
    }

    public boolean isWorkingDay(LocalDate day) {
        return exceptions(day, day).getOrDefault(day, isWeekday(day));
    }

    /** The date {@code days} working days after {@code start} (start itself not counted). */
    public LocalDate addWorkingDays(LocalDate start, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative");
        }
        // Holidays never last more than ~10 days: a window of 3× the span plus a month is ample.
        Map<LocalDate, Boolean> exceptions = exceptions(start, start.plusDays(days * 3L + 31));
        LocalDate day = start;
        int counted = 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (exceptions.getOrDefault(day, isWeekday(day))) {
                counted++;
            }
        }
        warnIfUnknownYear(start, day);
        return day;
    }

    /** Working days strictly after {@code from} up to and including {@code to}. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        Map<LocalDate, Boolean> exceptions = exceptions(from, to);
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (exceptions.getOrDefault(day, isWeekday(day))) {
                count++;
            }
        }
        return count;
    }

    /** Sets one day's status (an administrator entering a newly published arrangement). */
    @Transactional
    public void setDay(CurrentUser admin, LocalDate day, boolean working, String note) {
        CalendarMapper.CalendarDay entry = new CalendarMapper.CalendarDay(day, working, note);
        if (working == isWeekday(day)) {
            calendar.delete(day); // back to the ordinary rule: no exception needed
        } else if (calendar.update(entry) == 0) {
            calendar.insert(entry);
        }
        audit.record(admin, "CALENDAR_DAY_SET", "calendar", day, "working=" + working, note);
    }

    private Map<LocalDate, Boolean> exceptions(LocalDate from, LocalDate to) {
        Map<LocalDate, Boolean> map = new HashMap<>();
        for (CalendarMapper.CalendarDay day : calendar.findBetween(from, to)) {
            map.put(day.calendarDate(), day.working());
        }
        return map;
    }

    private void warnIfUnknownYear(LocalDate from, LocalDate to) {
        var known = calendar.findYears().stream().filter(y -> "OFFICIAL".equals(y.status()))
                .map(CalendarMapper.CalendarYear::yearNumber).toList();
        for (int year = from.getYear(); year <= to.getYear(); year++) {
            if (!known.contains(year)) {
                log.warn("The holiday arrangement of {} is not official in the calendar; deadlines count Monday-Friday "
                        + "and the dates entered so far", year);
            }
        }
    }

    static boolean isWeekday(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
