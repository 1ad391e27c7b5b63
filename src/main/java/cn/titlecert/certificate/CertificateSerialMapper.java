package cn.titlecert.certificate;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The counter rows behind certificate numbers; see {@link CertificateNumbering}. */
@Mapper
public interface CertificateSerialMapper {

    /** Takes the row lock until the transaction ends; 0 when the series has no row yet. */
    @Update("UPDATE certificate_serial SET last_value = last_value + 1 WHERE series = #{series}")
    int increment(String series);

    @Select("SELECT last_value FROM certificate_serial WHERE series = #{series}")
    long current(String series);

    /** Creates the series' row before its first increment. */
    @Insert("INSERT INTO certificate_serial (series, last_value) VALUES (#{series}, 0)")
    void insertEmpty(String series);
}
