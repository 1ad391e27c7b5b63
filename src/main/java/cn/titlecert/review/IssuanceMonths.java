package cn.titlecert.review;

import java.time.LocalDate;
import java.time.YearMonth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which monthly issuance a case joins (Tianjin notice 二(一)2): cases that clear their review tiers
 * by the cut-off day (the 15th) of a month join that month's issuance; later ones join the next month's.
 */
@Component
public class IssuanceMonths {

    private final int cutOffDay;

    public IssuanceMonths(@Value("${titlecert.review.cut-off-day:15}") int cutOffDay) {
        if (cutOffDay < 1 || cutOffDay > 28) {
            throw new IllegalArgumentException("titlecert.review.cut-off-day must be between 1 and 28");
        }
        this.cutOffDay = cutOffDay;
    }

    public YearMonth monthFor(LocalDate clearedOn) {
        YearMonth month = YearMonth.from(clearedOn);
        return clearedOn.getDayOfMonth() <= cutOffDay ? month : month.plusMonths(1);
    }

    public int cutOffDay() {
        return cutOffDay;
    }
}
