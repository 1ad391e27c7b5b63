package cn.titlecert.review;

import java.time.LocalDate;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface CalendarMapper {

    /** The exceptions to Monday–Friday between two dates (inclusive). */
    List<CalendarDay> findBetween(@Param("from") LocalDate from, @Param("to") LocalDate to);

    List<CalendarYear> findYears();

    int update(CalendarDay day);

    void insert(CalendarDay day);

    int delete(LocalDate calendarDate);

    record CalendarDay(LocalDate calendarDate, boolean working, String note) {
    }

    record CalendarYear(int yearNumber, String status, String source) {
    }
}
