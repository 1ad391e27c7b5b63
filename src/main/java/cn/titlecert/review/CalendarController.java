package cn.titlecert.review;

import java.time.LocalDate;
import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.titlecert.error.DomainException;
import cn.titlecert.security.CurrentUser;

/**
 * The working-day calendar: anyone signed in reads it; administrators enter a newly published holiday
 * arrangement day by day ({@code /api/admin/**} is for administrators only).
 */
@RestController
class CalendarController {

    private final WorkingDayCalendar calendar;
    private final CalendarMapper days;

    CalendarController(WorkingDayCalendar calendar, CalendarMapper days) {
        this.calendar = calendar;
        this.days = days;
    }

    record YearView(int year, String status, String source, List<CalendarMapper.CalendarDay> exceptions) {
    }

    record DayChange(Boolean working, String note) {
    }

    @GetMapping("/api/calendar/{year}")
    YearView year(@PathVariable int year) {
        if (year < 1990 || year > 2100) {
            throw DomainException.badRequest("invalid-request");
        }
        var known = days.findYears().stream().filter(y -> y.yearNumber() == year).findFirst();
        return new YearView(year, known.map(CalendarMapper.CalendarYear::status).orElse("UNKNOWN"),
                known.map(CalendarMapper.CalendarYear::source).orElse(null),
                days.findBetween(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
    }

    @PutMapping("/api/admin/calendar/{date}")
    CalendarMapper.CalendarDay set(@AuthenticationPrincipal CurrentUser user, @PathVariable LocalDate date,
            @RequestBody DayChange change) {
        if (change == null || change.working() == null) {
            throw DomainException.badRequest("invalid-request");
        }
        String note = change.note() == null ? null : change.note().strip();
        if (note != null && note.length() > 100) {
            throw DomainException.badRequest("invalid-request");
        }
        calendar.setDay(user, date, change.working(), note);
        return new CalendarMapper.CalendarDay(date, calendar.isWorkingDay(date), note);
    }
}
