package cn.titlecert.lifecycle;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns of a historical-certificate sheet (R10's fields as a paper certificate carried them). Columns are
 * found by their header, in any order; a header may carry a trailing * and a few common other names.
 */
enum HistoricalColumn {
    NAME(true, "姓名"),
    GENDER(false, "性别"),
    BIRTH_DATE(false, "出生日期"),
    ID_TYPE(false, "证件类型"),
    ID_NUMBER(true, "证件号码", "身份证号码", "身份证号"),
    PHONE(false, "手机号码", "手机号", "联系电话"),
    SERIES(true, "系列", "职称系列"),
    SPECIALTY(true, "专业"),
    TITLE(true, "资格名称", "职称名称"),
    LEVEL(true, "层级", "级别", "职称级别"),
    REVIEW_TYPE(false, "评审类型"),
    PATH(false, "取得方式"),
    OBTAINED_ON(true, "取得资格时间", "取得时间", "评审通过时间"),
    REVIEW_BODY(false, "评审机构", "评委会名称"),
    APPROVING_UNIT(false, "批准单位"),
    APPROVAL_DOC(false, "批准文号"),
    APPROVAL_DATE(false, "批准日期", "批准时间"),
    CERTIFICATE_NUMBER(true, "原证书编号", "证书编号"),
    ISSUING_AUTHORITY(true, "发证机关", "发证单位"),
    ISSUED_ON(true, "发证日期", "发证时间"),
    EMPLOYER(false, "用人单位编码");

    final boolean required;
    final List<String> headers;

    HistoricalColumn(boolean required, String... headers) {
        this.required = required;
        this.headers = List.of(headers);
    }

    /** The header the template prints (required ones with *). */
    String header() {
        return headers.get(0);
    }

    static Optional<HistoricalColumn> byHeader(String text) {
        String clean = normalise(text);
        for (HistoricalColumn column : values()) {
            if (column.headers.contains(clean)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    private static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String t = text.replaceAll("[\\s\\u3000*＊]", "");
        int paren = t.indexOf('（') >= 0 ? t.indexOf('（') : t.indexOf('(');
        // "出生日期（yyyy-mm-dd）", "手机号码(选填)": the explanation in brackets is not part of the name
        return (paren > 0 ? t.substring(0, paren) : t).toLowerCase(Locale.ROOT);
    }
}
