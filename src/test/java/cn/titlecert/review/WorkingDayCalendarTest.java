package cn.titlecert.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.Role;

@SpringBootTest
@Transactional
class WorkingDayCalendarTest {

    @Autowired
    WorkingDayCalendar calendar;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theNationalDayWeekAndItsMakeUpSaturdayCountAsThe2026NoticeSays() {
        // Filed on Wednesday 30 September 2026: 1–7 October off, Saturday 10 October a working day.
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 5))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 9, 30), 5)).isEqualTo(LocalDate.of(2026, 10, 13));
    }

    @Test
    void theSpringFestivalOf2024WithItsTwoWorkingSundays() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2024, 2, 4))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2024, 2, 18))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2024, 2, 14))).isFalse();
        // Thursday 8 Feb + 5: Fri 9 (1), Sun 18 make-up (2), Mon 19 (3), Tue 20 (4), Wed 21 (5).
        assertThat(calendar.addWorkingDays(LocalDate.of(2024, 2, 8), 5)).isEqualTo(LocalDate.of(2024, 2, 21));
    }

    @Test
    void ordinaryWeeksAreMondayToFriday() {
        // Monday 9 November 2026 + 5 working days = Monday 16 November.
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 11, 9), 5)).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 11, 13), 1)).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 16))).isEqualTo(5);
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 13))).isEqualTo(5);
    }

    @Test
    void theDataOnlyHoldsRealExceptions() {
        for (Map<String, Object> row : jdbc.queryForList("SELECT calendar_date, working FROM calendar_day")) {
            LocalDate day = ((java.sql.Date) row.get("calendar_date")).toLocalDate();
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            boolean working = Boolean.TRUE.equals(row.get("working")) || Integer.valueOf(1).equals(row.get("working"));
            assertThat(working).as(day + " is an exception to Monday–Friday").isEqualTo(weekend);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM calendar_year WHERE status = 'OFFICIAL'", Integer.class))
                .isEqualTo(3);
    }

    @Test
    void anAdministratorCanEnterANewlyPublishedArrangement() {
        CurrentUser admin = new CurrentUser("admin", "admin", java.util.Set.of(Role.ADMIN), null, "/", null);
        LocalDate saturday = LocalDate.of(2027, 2, 13);
        assertThat(calendar.isWorkingDay(saturday)).isFalse();
        calendar.setDay(admin, saturday, true, "调休上班");
        assertThat(calendar.isWorkingDay(saturday)).isTrue();
        calendar.setDay(admin, saturday, false, null);
        assertThat(calendar.isWorkingDay(saturday)).isFalse();
        LocalDate monday = LocalDate.of(2027, 2, 15);
        calendar.setDay(admin, monday, false, "春节");
        assertThat(calendar.isWorkingDay(monday)).isFalse();
    }

    @Test
    void theCutOffIsTheFifteenthInclusive() {
        IssuanceMonths months = new IssuanceMonths(15);
        assertThat(months.monthFor(LocalDate.of(2026, 11, 15))).hasToString("2026-11");
        assertThat(months.monthFor(LocalDate.of(2026, 11, 16))).hasToString("2026-12");
        assertThat(months.monthFor(LocalDate.of(2026, 12, 31))).hasToString("2027-01");
        assertThat(months.monthFor(LocalDate.of(2026, 12, 1))).hasToString("2026-12");
    }
}
